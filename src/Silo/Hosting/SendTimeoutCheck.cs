using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RoleFerry.Grains.Email;

namespace RoleFerry.Silo.Hosting;

public static class SendTimeoutCheck
{
    /// <summary>
    /// A step is sent inside the reminder tick (a grain call) that woke its sequence. If one SMTP send could take as
    /// long as Orleans' grain call timeout, the tick would time out while the email may still leave, and the
    /// reminder's next tick would find the step claimed (the wake-up checks that a step is due, so nothing is sent
    /// twice, but the outcome is lost to the caller). So the silo refuses to start unless
    /// <c>RoleFerry:Email:SendTimeout</c> is clearly below <see cref="SiloMessagingOptions.ResponseTimeout"/>.
    /// </summary>
    public static IServiceCollection AddSendTimeoutCheck(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>()
            .Validate<IOptions<SiloMessagingOptions>>(
                (email, messaging) => email.SendTimeout * 1.5 <= messaging.Value.ResponseTimeout,
                $"{EmailOptions.SectionName}:{nameof(EmailOptions.SendTimeout)} must be at most two thirds of Orleans' grain call timeout (SiloMessagingOptions.ResponseTimeout, 30 s by default): a send must end inside the tick that runs it.");
        return services;
    }
}
