using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RoleFerry.Grains.Notifications;

namespace RoleFerry.Grains.Users;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>
    /// Accounts: the tiers' quotas (<c>RoleFerry:Quotas</c>), the grain storage <see cref="UserStorage.Name"/>, the
    /// users row's account side (<see cref="UserAccountStore"/>) and the notifications the grains write.
    /// </summary>
    public static IServiceCollection AddRoleFerryAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<UserQuotaOptions>(configuration.GetSection(UserQuotaOptions.SectionName));
        services.AddGrainStorage<UserStorage>(UserStorage.Name);
        services.AddSingleton<UserStore>();
        services.AddSingleton<UserAccountStore>();
        services.AddSingleton<NotificationStore>();
        return services;
    }
}
