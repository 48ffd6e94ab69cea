using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RoleFerry.Grains.Email;
using RoleFerry.Grains.Mailboxes;
using RoleFerry.Grains.Suppression;

namespace RoleFerry.Grains.Sequences;

public static class SendingServiceCollectionExtensions
{
    /// <summary>
    /// Sending: the email options, composer and SMTP transport; the mailboxes (options <c>RoleFerry:Mailboxes</c>, the
    /// grain storage <see cref="MailboxStorage.Name"/>, reservations, settings); the sequences (options
    /// <c>RoleFerry:Sequences</c>, the grain storage <see cref="SequenceStorage.Name"/>, enrollment, the send gate, the
    /// outreach rows, the sent steps' batch, the follow-ups' thread, the suppression list).
    /// </summary>
    public static IServiceCollection AddRoleFerrySending(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.SectionName))
            .Validate(o =>
            {
                o.Validate();
                return true;
            })
            .ValidateOnStart();
        services.AddSingleton<EmailComposer>();
        services.AddSingleton<IMailTransport, SmtpMailTransport>();

        services.AddOptions<MailboxOptions>()
            .Bind(configuration.GetSection(MailboxOptions.SectionName))
            .Validate(o => o.Validate())
            .ValidateOnStart();
        services.AddGrainStorage<MailboxStorage>(MailboxStorage.Name);
        services.AddSingleton<MailboxReservationStore>();
        services.AddSingleton<MailboxDirectory>();
        services.AddSingleton<MailboxSettingsStore>();
        services.AddSingleton<MailboxGapJitter>();

        services.AddOptions<SequenceOptions>()
            .Bind(configuration.GetSection(SequenceOptions.SectionName))
            .Validate(o => o.Validate(), $"{SequenceOptions.SectionName}: {nameof(SequenceOptions.WakeUpPeriod)} and {nameof(SequenceOptions.MaxConcurrentSends)} must be positive, {nameof(SequenceOptions.KeepActiveWithin)} not negative.")
            .ValidateOnStart();
        services.AddGrainStorage<SequenceStorage>(SequenceStorage.Name);
        services.AddSingleton<SequenceOutreachStore>();
        services.AddSingleton<SequenceEnrollment>();
        services.AddSingleton<SequenceThreadStore>();
        services.AddSingleton<SuppressionList>();
        services.AddSingleton<SendGate>();
        services.AddSingleton<SentStepWriter>();
        return services;
    }
}
