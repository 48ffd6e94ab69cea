namespace RoleFerry.Grains.Interfaces.Users;

/// <summary>
/// Creates accounts (key: <see cref="PlatformKey"/>): a <c>users</c> row has no grain before it exists, so its
/// creation is this grain's; from then on the row is its user's grains' (<see cref="IUserGrain"/>,
/// <see cref="ISessionGrain"/>).
/// </summary>
[Alias("RoleFerry.IUserDirectoryGrain")]
public interface IUserDirectoryGrain : IGrainWithStringKey
{
    public const string PlatformKey = "platform";

    /// <summary>Creates the account; null when the email (case-insensitively) is taken.</summary>
    [Alias("Register")]
    Task<RegisteredUser?> RegisterAsync(NewUser user);
}
