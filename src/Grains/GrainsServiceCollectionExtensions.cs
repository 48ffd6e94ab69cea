using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using RoleFerry.Grains.Email;
using RoleFerry.Grains.EmailEvents;
using RoleFerry.Grains.Inbox;
using RoleFerry.Data.Tracking;
using RoleFerry.Grains.Mailboxes;
using RoleFerry.Grains.Maintenance;
using RoleFerry.Grains.Notifications;
using RoleFerry.Grains.Security;
using RoleFerry.Grains.Sequences;
using RoleFerry.Grains.Telemetry;
using RoleFerry.Grains.Users;

namespace RoleFerry.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// The services RoleFerry's grains need: options, secrets, mail transport, the SQL stores, and the grain
    /// storages over RoleFerry's own tables (registered by name: <see cref="MailboxStorage.Name"/>,
    /// <see cref="SequenceStorage.Name"/>, <see cref="UserStorage.Name"/>). The host registers the
    /// <c>NpgsqlDataSource</c> and the <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddRoleFerryGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.SectionName));
        services.AddSingleton<SecretProtector>();
        services.AddRoleFerryMetrics();

        // [email]
        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.SectionName))
            .Validate(o =>
            {
                o.Validate();
                return true;
            })
            .ValidateOnStart();
        services.AddSingleton(sp => new TrackingTokenCodec(SecretProtector.DecodeKey(
            sp.GetRequiredService<IOptions<SecurityOptions>>().Value.TokenSigningKey,
            nameof(SecurityOptions.TokenSigningKey))));
        services.AddSingleton<EmailComposer>();
        services.AddSingleton<IMailTransport, SmtpMailTransport>();

        // [mailboxes]
        services.AddOptions<MailboxOptions>()
            .Bind(configuration.GetSection(MailboxOptions.SectionName))
            .Validate(o => o.Validate())
            .ValidateOnStart();
        services.AddGrainStorage<MailboxStorage>(MailboxStorage.Name);
        services.AddSingleton<MailboxReservationStore>();
        services.AddSingleton<MailboxDirectory>();
        services.AddSingleton<MailboxGapJitter>();

        // [users]
        services.Configure<UserQuotaOptions>(configuration.GetSection(UserQuotaOptions.SectionName));
        services.AddGrainStorage<UserStorage>(UserStorage.Name);
        services.AddSingleton<UserStore>();
        services.AddSingleton<UserAccountStore>();
        services.Configure<MaintenanceOptions>(configuration.GetSection(MaintenanceOptions.SectionName));
        services.AddSingleton<MaintenanceStore>();

        // [sequences]
        services.AddOptions<SequenceOptions>()
            .Bind(configuration.GetSection(SequenceOptions.SectionName))
            .Validate(o => o.Validate(), $"{SequenceOptions.SectionName}: {nameof(SequenceOptions.WakeUpPeriod)} and {nameof(SequenceOptions.MaxConcurrentSends)} must be positive, {nameof(SequenceOptions.KeepActiveWithin)} not negative.")
            .ValidateOnStart();
        services.AddGrainStorage<SequenceStorage>(SequenceStorage.Name);
        services.AddSingleton<SequenceOutreachStore>();
        services.AddSingleton<SequenceEnrollment>();
        services.AddSingleton<SendGate>();
        services.AddSingleton<SentStepWriter>();
        services.AddSingleton<EmailEventStore>();

        // [notifications]
        services.AddSingleton<NotificationStore>();

        // [inbox]
        services.AddRoleFerryInbox(configuration);

        return services;
    }

    /// <summary>A grain storage of ours, resolved by Orleans by its name (<c>[PersistentState(name, storageName)]</c>).</summary>
    private static void AddGrainStorage<TStorage>(this IServiceCollection services, string name)
        where TStorage : class, IGrainStorage
    {
        services.AddSingleton<TStorage>();
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => sp.GetRequiredService<TStorage>());
    }
}
