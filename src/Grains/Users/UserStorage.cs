using Npgsql;
using RoleFerry.Grains.Storage;

namespace RoleFerry.Grains.Users;

/// <summary>
/// <see cref="UserState"/> over the <c>users</c> row (grain storage "users"). Registration creates the row; a write
/// changes the balance where the version is the one read and appends the ledger row in the same transaction.
/// </summary>
public sealed class UserStorage(NpgsqlDataSource db) : RowStorage<UserState>
{
    public const string Name = "users";

    protected override async Task<(UserState State, long Version)?> ReadRowAsync(long id)
    {
        await using var command = db.Command("SELECT subscription_tier, credits_remaining, version FROM users WHERE id = $1", id);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (new UserState { Tier = reader.GetString(0), CreditsRemaining = reader.GetInt32(1) }, reader.GetInt64(2))
            : null;
    }

    protected override async Task<long?> WriteRowAsync(long id, UserState state, long version)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var updated = await connection.ScalarAsync(
            """
            UPDATE users SET credits_remaining = $3, updated_at = now(), version = version + 1
            WHERE id = $1 AND version = $2
            RETURNING version
            """,
            id, version, state.CreditsRemaining);
        if (updated is not long written)
        {
            return null;
        }

        if (state.NewLedgerEntry is { } entry)
        {
            await connection.ExecuteAsync(
                "INSERT INTO credit_ledger (user_id, delta, balance_after, reason, ref) VALUES ($1, $2, $3, $4, $5)",
                id, entry.Delta, entry.BalanceAfter, entry.Reason, entry.Reference);
        }

        await transaction.CommitAsync();
        return written;
    }
}
