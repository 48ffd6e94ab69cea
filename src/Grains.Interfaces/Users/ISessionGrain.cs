namespace RoleFerry.Grains.Interfaces.Users;

/// <summary>
/// One user's sign-in state (key: users.id): the security stamp and the session that last changed the password,
/// read from the users row once and kept in memory, so checking a bearer token on every request costs no database
/// round trip. Whoever changes those columns or erases the row calls <see cref="ReloadAsync"/> after the commit
/// (and the grain reads the row again when its copy is a minute old).
/// </summary>
[Alias("RoleFerry.ISessionGrain")]
public interface ISessionGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// True while the user exists and the token carries the current security stamp, or was issued to the session
    /// that last changed the password.
    /// </summary>
    [Alias("IsHonoured")]
    Task<bool> IsHonouredAsync(Guid? stamp, Guid? session);

    /// <summary>The users row changed (password changed, account erased): reads it again now.</summary>
    [Alias("Reload")]
    Task ReloadAsync();
}
