using Npgsql;
using RoleFerry.Grains.Interfaces.Users;

namespace RoleFerry.Grains.Users;

/// <summary>
/// The <c>users</c> row's account side, beside the user grain's state (<see cref="UserStorage"/>): creating the
/// row (<see cref="UserDirectoryGrain"/>), the profile and the erasure (<see cref="UserGrain"/>), the sign-in columns
/// (<see cref="SessionGrain"/>), the admin flag (the operator command, <see cref="SetAdminAsync"/>). No other code
/// writes the table.
/// </summary>
public sealed class UserAccountStore(NpgsqlDataSource db)
{
    /// <summary>Inserts the account; null when the email (case-insensitively) is taken.</summary>
    public async Task<RegisteredUser?> RegisterAsync(NewUser user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var command = db.Command(
            """
            INSERT INTO users (email, password_hash, full_name, mode, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $5)
            ON CONFLICT ((lower(email))) DO NOTHING
            RETURNING id, email, full_name, mode, subscription_tier
            """,
            user.Email, user.PasswordHash, user.FullName, user.Mode, now);
        return await command.ReadFirstAsync(reader => new RegisteredUser(
            reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
    }

    public Task UpdateProfileAsync(long userId, ProfileChange change, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        return db.ExecuteAsync(
            """
            UPDATE users SET full_name = coalesce($2::text, full_name), mode = coalesce($3::text, mode),
                             timezone = coalesce($4::text, timezone), updated_at = $5
            WHERE id = $1
            """,
            userId, change.FullName, change.Mode, change.Timezone, now);
    }

    /// <summary>The security stamp, the password-changing session and the admin flag; null when the user does not exist.</summary>
    public async Task<(Guid Stamp, Guid? PasswordSession, bool IsAdmin)?> ReadSignInAsync(long userId)
    {
        await using var command = db.Command("SELECT security_stamp, password_session, is_admin FROM users WHERE id = $1", userId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetGuid(0), reader.GetOrNull<Guid>(1), reader.GetBoolean(2)) : null;
    }

    /// <summary>
    /// Sets the admin flag of the account with this email (case-insensitive); false when there is none. Only the
    /// operator command <c>admin grant|revoke EMAIL</c> calls it, and it runs where no silo may be running (a fresh
    /// deployment, <c>docker-compose run --rm silo admin grant EMAIL</c>), so it writes here directly rather than
    /// through a grain; the flag is no part of the user grain's state (the row's <c>version</c> is left alone) and
    /// running silos see it through the user's <see cref="SessionGrain"/> within <see cref="SessionGrain.MaxAge"/>.
    /// </summary>
    public async Task<bool> SetAdminAsync(string email, bool isAdmin, DateTimeOffset now) =>
        await db.ScalarAsync(
            "UPDATE users SET is_admin = $2, updated_at = $3 WHERE lower(email) = lower($1) RETURNING id", email.Trim(), isAdmin, now) is not null;

    /// <summary>A login: its time kept, the hash replaced when rehashed.</summary>
    public Task RecordLoginAsync(long userId, DateTimeOffset now, string? rehashedPassword) => db.ExecuteAsync(
        "UPDATE users SET last_login_at = $2, updated_at = $2, password_hash = COALESCE($3::text, password_hash) WHERE id = $1",
        userId, now, rehashedPassword);

    public Task ChangePasswordAsync(long userId, string passwordHash, Guid? session, DateTimeOffset now) => db.ExecuteAsync(
        """
        UPDATE users SET password_hash = $2, security_stamp = gen_random_uuid(), password_session = $3::uuid,
                         updated_at = $4
        WHERE id = $1
        """,
        userId, passwordHash, session, now);

    /// <summary>
    /// Erases the user's rows in one batch (one implicit transaction). What must outlive the user stays without personal data: suppression
    /// entries keep only the address's hash (so the address is still never emailed again), ledger rows keep their
    /// amounts without owner or reference, mailbox reservations keep the sending statistics (their links are cleared
    /// by their foreign keys). Everything else the user owns goes with the users row (ON DELETE CASCADE), after the
    /// rows that only name the user by value: the events of their emails and their audit events.
    /// </summary>
    public async Task EraseAsync(long userId)
    {
        await using var batch = db.Batch(
            Sql.BatchCommand("SELECT id FROM users WHERE id = $1 FOR UPDATE", userId),
            Sql.BatchCommand("UPDATE suppression_list SET email = NULL, user_id = NULL WHERE user_id = $1", userId),
            Sql.BatchCommand("UPDATE credit_ledger SET user_id = NULL, ref = NULL WHERE user_id = $1", userId),
            Sql.BatchCommand("DELETE FROM outreach_events e USING outreach o WHERE e.outreach_id = o.id AND o.user_id = $1", userId),
            Sql.BatchCommand("DELETE FROM audit_events WHERE user_id = $1", userId),
            Sql.BatchCommand("DELETE FROM users WHERE id = $1", userId));
        await batch.ExecuteNonQueryAsync();
    }
}
