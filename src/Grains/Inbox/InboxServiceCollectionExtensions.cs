using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RoleFerry.Grains.Mailboxes;
using RoleFerry.Grains.Sequences;
using RoleFerry.Grains.Suppression;

namespace RoleFerry.Grains.Inbox;

public static class InboxServiceCollectionExtensions
{
    /// <summary>
    /// What reading mailboxes over IMAP needs (options <c>RoleFerry:Inbox</c>, the readers' stores, relay, signal
    /// and meter), and what it brought to sending: follow-ups' thread, the suppression list, mailbox settings changes.
    /// </summary>
    public static IServiceCollection AddRoleFerryInbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InboxOptions>()
            .Bind(configuration.GetSection(InboxOptions.SectionName))
            .Validate(o =>
            {
                o.Validate();
                return true;
            })
            .ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<InboxSyncStore>();
        services.AddSingleton<InboxMatcher>();
        services.AddSingleton<InboxRelay>();
        services.AddSingleton<InboxReaderSignals>();
        services.AddSingleton<InboxMetrics>();
        services.AddSingleton<SequenceThreadStore>();
        services.AddSingleton<SuppressionList>();
        services.AddSingleton<MailboxSettingsStore>();
        return services;
    }
}
