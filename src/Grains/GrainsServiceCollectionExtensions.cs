using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RoleFerry.Actors.Storage;
using RoleFerry.Grains.EmailEvents;
using RoleFerry.Grains.Maintenance;
using RoleFerry.Grains.Security;
using RoleFerry.Grains.Sequences;
using RoleFerry.Grains.Users;

namespace RoleFerry.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>The services RoleFerry's grains need: options, secrets, mail transport, storages.</summary>
    public static IServiceCollection AddRoleFerryGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.SectionName));
        services.AddSingleton<SecretProtector>();

        // [email]
        services.AddOptions<Email.EmailOptions>()
            .Bind(configuration.GetSection(Email.EmailOptions.SectionName))
            .Validate(o =>
            {
                o.Validate();
                return true;
            })
            .ValidateOnStart();
        services.AddSingleton(sp => new Interfaces.Tracking.TrackingTokenCodec(SecretProtector.DecodeKey(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value.TokenSigningKey,
            nameof(SecurityOptions.TokenSigningKey))));
        services.AddSingleton<Email.EmailComposer>();
        services.AddSingleton<Email.IMailTransport, Email.SmtpMailTransport>();

        // [mailboxes]
        services.Configure<Mailboxes.MailboxOptions>(configuration.GetSection(Mailboxes.MailboxOptions.SectionName));
        services.AddOptions<Mailboxes.MailboxOptions>().Validate(o => o.Validate()).ValidateOnStart();
        services.AddSingleton<RoleFerry.Actors.Storage.IGrainStorage<Mailboxes.MailboxState>, Mailboxes.MailboxStorage>();
        services.AddSingleton<Mailboxes.MailboxReservationStore>();
        services.AddSingleton<Mailboxes.MailboxDirectory>();
        services.AddSingleton<Mailboxes.MailboxGapJitter>();

        // [users]
        services.Configure<UserQuotaOptions>(configuration.GetSection(UserQuotaOptions.SectionName));
        services.AddSingleton<UserStore>();
        services.Configure<MaintenanceOptions>(configuration.GetSection(MaintenanceOptions.SectionName));
        services.AddSingleton<MaintenanceStore>();

        // [sequences]
        services.AddSingleton<IGrainStorage<SequenceState>, SequenceStorage>();
        services.AddSingleton<SequenceOutreachStore>();
        services.AddSingleton<SequenceEnrollment>();
        services.AddSingleton<EmailEventStore>();

        return services;
    }
}
