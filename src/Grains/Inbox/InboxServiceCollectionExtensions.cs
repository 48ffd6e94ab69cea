using Microsoft.Extensions.Configuration;
using DnsClient;
using Microsoft.Extensions.DependencyInjection;
using MimeKit.Cryptography;

namespace RoleFerry.Grains.Inbox;

public static class InboxServiceCollectionExtensions
{
    /// <summary>
    /// The inbox: what reading mailboxes over IMAP needs (options <c>RoleFerry:Inbox</c>, the readers' checkpoint
    /// store, matcher, relay, signals and meter, and the senders' authentication: DKIM keys from DNS).
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
        services.AddSingleton<ILookupClient>(_ => new LookupClient());
        services.AddSingleton<IDkimPublicKeyLocator, DnsDkimPublicKeyLocator>();
        services.AddSingleton<SenderAuthenticator>();
        return services;
    }
}
