using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RoleFerry.Grains.Security;

namespace RoleFerry.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>The services RoleFerry's grains need: options, secrets, mail transport, storages.</summary>
    public static IServiceCollection AddRoleFerryGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.SectionName));
        services.AddSingleton<SecretProtector>();

        // [email]

        // [mailboxes]

        // [users]

        // [sequences]

        return services;
    }
}
