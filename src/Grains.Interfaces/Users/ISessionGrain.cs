namespace RoleFerry.Grains.Interfaces.Users;

/// <summary>
/// One user's sign-in (key: users.id): the <c>users</c> row's sign-in columns (password hash, security stamp, the
/// session that last changed the password, the last login), written only here, and the stamp, session
/// and admin flag kept in memory, so checking a bearer token on every request costs no database round trip. A grain
/// apart from <see cref="IUserGrain"/> on purpose: token checks, on every request, never wait behind the user grain's
/// turns (enrollment, a send's quota). Whoever erases the row calls <see cref="ReloadAsync"/> after the commit (and
/// the grain reads the row again when its copy is a minute old: the admin flag, set by the operator command without a
/// silo, is seen within that minute).
/// </summary>
[Alias("RoleFerry.ISessionGrain")]
public interface ISessionGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Honoured while the user exists and the token carries the current security stamp, or was issued to the session
    /// that last changed the password; with the user's admin flag.
    /// </summary>
    [Alias("Check")]
    Task<SessionVerdict> CheckAsync(Guid? stamp, Guid? session);

    /// <summary>The users row changed (account erased, or by hand): reads it again now.</summary>
    [Alias("Reload")]
    Task ReloadAsync();

    /// <summary>
    /// A right password at <paramref name="now"/>: the login time kept, and the hash replaced by
    /// <paramref name="rehashedPassword"/> when given. (Wrong passwords and lockouts are the API's login_failures.)
    /// </summary>
    [Alias("RecordLogin")]
    Task RecordLoginAsync(DateTimeOffset now, string? rehashedPassword);

    /// <summary>
    /// A new password: the hash, a new security stamp (every other token is revoked at once) and
    /// <paramref name="session"/>, the session that changed it, which stays signed in.
    /// </summary>
    [Alias("ChangePassword")]
    Task ChangePasswordAsync(string passwordHash, Guid? session);
}
