using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using RoleFerry.Grains.EmailEvents;
using RoleFerry.Grains.Inbox;
using RoleFerry.Grains.Maintenance;
using RoleFerry.Grains.Security;
using RoleFerry.Grains.Sequences;
using RoleFerry.Grains.Telemetry;
using RoleFerry.Grains.Users;

namespace RoleFerry.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// The services RoleFerry's grains need, by feature: sending (mailboxes, sequences, email), accounts (users,
    /// sessions, notifications), tracking (tokens, email events), inbox (reading mailboxes over IMAP) and maintenance;
    /// and what they share: the secrets (<see cref="SecurityOptions"/>) and the meters. The host registers the
    /// <c>NpgsqlDataSource</c> and the <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddRoleFerryGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.SectionName));
        services.AddSingleton<SecretProtector>();
        services.AddRoleFerryMetrics();
        return services
            .AddRoleFerrySending(configuration)
            .AddRoleFerryAccounts(configuration)
            .AddRoleFerryTracking()
            .AddRoleFerryInbox(configuration)
            .AddRoleFerryMaintenance(configuration);
    }

    /// <summary>A grain storage of ours, resolved by Orleans by its name (<c>[PersistentState(name, storageName)]</c>).</summary>
    internal static IServiceCollection AddGrainStorage<TStorage>(this IServiceCollection services, string name)
        where TStorage : class, IGrainStorage
    {
        services.AddSingleton<TStorage>();
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => sp.GetRequiredService<TStorage>());
        return services;
    }
}
