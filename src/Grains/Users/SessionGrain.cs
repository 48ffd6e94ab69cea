using RoleFerry.Grains.Interfaces.Users;

namespace RoleFerry.Grains.Users;

/// <summary>
/// One user's sign-in (see <see cref="ISessionGrain"/>): writes the users row's sign-in columns
/// (<see cref="UserAccountStore"/>) and keeps the security stamp, password session and admin flag in memory. A new
/// activation reads the row, every write of its own reads it again, <see cref="ReloadAsync"/> reads it after someone
/// else's change (the erasure), and a copy older than <see cref="MaxAge"/> is read again before it answers, which
/// bounds how long a missed reload (a silo lost between the commit and the call, a row changed by hand, the admin flag
/// changed by the operator command, which runs without a silo) can honour a revoked token or right.
/// </summary>
[GrainType("session")]
public sealed class SessionGrain(UserAccountStore accounts, TimeProvider clock) : Grain, ISessionGrain
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    /// <summary>Null when the user does not exist (never did, or was erased).</summary>
    private (Guid Stamp, Guid? PasswordSession, bool IsAdmin)? _row;

    private DateTimeOffset _readAt;

    private long Id => this.GetPrimaryKeyLong();

    public override Task OnActivateAsync(CancellationToken cancellationToken) => ReloadAsync();

    public async Task<SessionVerdict> CheckAsync(Guid? stamp, Guid? session)
    {
        if (clock.GetUtcNow() - _readAt > MaxAge)
        {
            await ReloadAsync();
        }

        return _row is { } row && (stamp == row.Stamp || (session is not null && session == row.PasswordSession))
            ? new SessionVerdict(true, row.IsAdmin)
            : SessionVerdict.Refused;
    }

    public async Task ReloadAsync()
    {
        var readAt = clock.GetUtcNow();
        _row = await accounts.ReadSignInAsync(Id);
        _readAt = readAt;
    }

    public Task RecordLoginAsync(DateTimeOffset now, string? rehashedPassword) =>
        accounts.RecordLoginAsync(Id, now, rehashedPassword);

    public async Task ChangePasswordAsync(string passwordHash, Guid? session)
    {
        await accounts.ChangePasswordAsync(Id, passwordHash, session, clock.GetUtcNow());
        await ReloadAsync();
    }
}
