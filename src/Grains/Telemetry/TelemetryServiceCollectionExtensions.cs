using Microsoft.Extensions.DependencyInjection;

namespace RoleFerry.Grains.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>RoleFerry's meters, one of each per silo, created by the host's <see cref="System.Diagnostics.Metrics.IMeterFactory"/>.</summary>
    public static IServiceCollection AddRoleFerryMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<OutreachMetrics>();
        services.AddSingleton<MailboxMetrics>();
        services.AddSingleton<EmailEventMetrics>();
        return services;
    }
}
