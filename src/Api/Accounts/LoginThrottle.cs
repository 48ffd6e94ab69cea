using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Accounts;

/// <summary>
/// Wrong passwords, counted for the whole cluster in <c>login_failures</c> (migration 0021), at login and wherever a
/// password is confirmed (change password, delete account). Two counts per account: one per client address
/// (<see cref="ApiOptions.MaxFailedLogins"/> in a row lock the account for that address) and one across every
/// address (<see cref="ApiOptions.MaxFailedLoginsPerAccount"/> in a row lock it for everyone). Each lockout in a row
/// lasts twice the one before, from <see cref="ApiOptions.LockoutDuration"/> up to
/// <see cref="ApiOptions.MaxLockoutDuration"/>; a count untouched for <see cref="Memory"/> starts again, and the right
/// password ends both. So whoever guesses is slowed down more and more, and a stranger guessing from another
/// address cannot lock the owner out (until the account-wide count, far higher, is reached).
/// </summary>
public sealed class LoginThrottle(NpgsqlDataSource db, IOptions<ApiOptions> options)
{
    /// <summary>The <c>client</c> of the count across every address.</summary>
    public const string AnyAddress = "*";

    /// <summary>After this long without a failure, a count (and its lockouts) starts again.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromDays(1);

    /// <summary>The end of the lockout that binds <paramref name="client"/> on this account now; null when it may try.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(long userId, string client, DateTimeOffset now) =>
        await db.ScalarAsync(
            "SELECT max(locked_until) FROM login_failures WHERE user_id = $1 AND client IN ($2, $3) AND locked_until > $4",
            userId, client, AnyAddress, now) is DateTime until
            ? new DateTimeOffset(until, TimeSpan.Zero)
            : null;

    /// <summary>
    /// Counts a wrong password of <paramref name="client"/> on this account; the end of the lockout that binds the
    /// client now (the one this failure started, or one another request started meanwhile), else null.
    /// </summary>
    public async Task<DateTimeOffset?> RecordFailureAsync(long userId, string client, DateTimeOffset now)
    {
        var o = options.Value;
        // One implicit transaction: count (a locked count is left alone, so a request that read "not locked" just
        // before another one locked it is not counted), lock the counts that reached their limit now, read the lock.
        await using var batch = db.Batch(
            Sql.BatchCommand(
                """
                INSERT INTO login_failures AS f (user_id, client, failures, lockouts, locked_until, updated_at)
                VALUES ($1, $2, 1, 0, NULL, $4), ($1, $3, 1, 0, NULL, $4)
                ON CONFLICT (user_id, client) DO UPDATE SET
                    failures     = CASE WHEN f.updated_at < $4 - $5 THEN 1 ELSE f.failures + 1 END,
                    lockouts     = CASE WHEN f.updated_at < $4 - $5 THEN 0 ELSE f.lockouts END,
                    locked_until = NULL,
                    updated_at   = $4
                WHERE f.locked_until IS NULL OR f.locked_until <= $4
                """,
                userId, client, AnyAddress, now, Memory),
            Sql.BatchCommand(
                """
                UPDATE login_failures SET
                    failures     = 0,
                    lockouts     = lockouts + 1,
                    locked_until = $4 + least($7 * power(2, least(lockouts, 30)), $8)
                WHERE user_id = $1 AND updated_at = $4 AND locked_until IS NULL
                  AND ((client = $2 AND failures >= $5) OR (client = $3 AND failures >= $6))
                """,
                userId, client, AnyAddress, now, o.MaxFailedLogins, o.MaxFailedLoginsPerAccount, o.LockoutDuration, o.MaxLockoutDuration),
            Sql.BatchCommand(
                "SELECT max(locked_until) FROM login_failures WHERE user_id = $1 AND client IN ($2, $3) AND locked_until > $4",
                userId, client, AnyAddress, now));
        return await batch.ExecuteScalarAsync() is DateTime until ? new DateTimeOffset(until, TimeSpan.Zero) : null;
    }

    /// <summary>423 with Retry-After: the account is locked for this client until <paramref name="lockedUntil"/>.</summary>
    public static ProblemHttpResult Locked(HttpContext context, DateTimeOffset lockedUntil, DateTimeOffset now)
    {
        context.Response.Headers.RetryAfter = ((long)Math.Ceiling((lockedUntil - now).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Problems.Locked($"The account is locked after too many wrong passwords until {lockedUntil:O}.");
    }

    /// <summary>The right password: both counts of this account for this client start again.</summary>
    public Task RecordSuccessAsync(long userId, string client) =>
        db.ExecuteAsync("DELETE FROM login_failures WHERE user_id = $1 AND client IN ($2, $3)", userId, client, AnyAddress);
}
