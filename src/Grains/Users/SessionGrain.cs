using Npgsql;
using RoleFerry.Grains.Interfaces.Users;

namespace RoleFerry.Grains.Users;

/// <summary>
/// Keeps one user's security stamp and password session in memory (see <see cref="ISessionGrain"/>). A cache of the
/// users row, never written here: a new activation reads the row, <see cref="ReloadAsync"/> reads it after a change,
/// and a copy older than <see cref="MaxAge"/> is read again before it answers, which bounds how long a missed
/// reload (a silo lost between the commit and the call, a row changed by hand) can honour a revoked token.
/// </summary>
[GrainType("session")]
public sealed class SessionGrain(NpgsqlDataSource db, TimeProvider clock) : Grain, ISessionGrain
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    /// <summary>Null when the user does not exist (never did, or was erased).</summary>
    private (Guid Stamp, Guid? PasswordSession)? _row;

    private DateTimeOffset _readAt;

    public override Task OnActivateAsync(CancellationToken cancellationToken) => ReloadAsync();

    public async Task<bool> IsHonouredAsync(Guid? stamp, Guid? session)
    {
        if (clock.GetUtcNow() - _readAt > MaxAge)
        {
            await ReloadAsync();
        }

        return _row is { } row && (stamp == row.Stamp || (session is not null && session == row.PasswordSession));
    }

    public async Task ReloadAsync()
    {
        var readAt = clock.GetUtcNow();
        await using var command = db.Command("SELECT security_stamp, password_session FROM users WHERE id = $1", this.GetPrimaryKeyLong());
        await using var reader = await command.ExecuteReaderAsync();
        _row = await reader.ReadAsync() ? (reader.GetGuid(0), reader.GetOrNull<Guid>(1)) : null;
        _readAt = readAt;
    }
}
