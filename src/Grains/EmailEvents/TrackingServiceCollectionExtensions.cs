using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RoleFerry.Data.Secrets;
using RoleFerry.Data.Tracking;
using RoleFerry.Grains.Security;

namespace RoleFerry.Grains.EmailEvents;

public static class TrackingServiceCollectionExtensions
{
    /// <summary>
    /// Tracking: the signed tokens of the emails' links (keyed with <c>RoleFerry:Security:TokenSigningKey</c>) and the
    /// email events (webhook, opens, clicks, unsubscribes, inbound mail) applied once.
    /// </summary>
    public static IServiceCollection AddRoleFerryTracking(this IServiceCollection services)
    {
        services.AddSingleton(sp => new TrackingTokenCodec(SecretKeyRing.Decode(
            sp.GetRequiredService<IOptions<SecurityOptions>>().Value.TokenSigningKey,
            $"{SecurityOptions.SectionName}:{nameof(SecurityOptions.TokenSigningKey)}")));
        services.AddSingleton<EmailEventStore>();
        return services;
    }
}
