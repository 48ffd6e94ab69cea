using Orleans.Concurrency;
using RoleFerry.Grains.Interfaces.Users;

namespace RoleFerry.Grains.Users;

/// <summary>
/// Creates accounts (<see cref="IUserDirectoryGrain"/>). A stateless worker: registrations share nothing, so each
/// silo answers its own on as many activations as it needs.
/// </summary>
[GrainType("user-directory")]
[StatelessWorker]
public sealed class UserDirectoryGrain(UserAccountStore accounts, TimeProvider clock) : Grain, IUserDirectoryGrain
{
    public Task<RegisteredUser?> RegisterAsync(NewUser user) => accounts.RegisterAsync(user, clock.GetUtcNow());
}
