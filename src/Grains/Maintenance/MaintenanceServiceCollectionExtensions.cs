using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RoleFerry.Grains.Maintenance;

public static class MaintenanceServiceCollectionExtensions
{
    /// <summary>The daily housekeeping: its options (<c>RoleFerry:Maintenance</c>) and its SQL.</summary>
    public static IServiceCollection AddRoleFerryMaintenance(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MaintenanceOptions>(configuration.GetSection(MaintenanceOptions.SectionName));
        services.AddSingleton<MaintenanceStore>();
        return services;
    }
}
