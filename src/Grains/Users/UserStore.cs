using Npgsql;
using RoleFerry.Grains.Interfaces.Users;

namespace RoleFerry.Grains.Users;

/// <summary>The SQL of the user grain: tier, usage counts and the credits wallet with its immutable ledger.</summary>
public sealed class UserStore(NpgsqlDataSource db)
{
    public async Task<(string Tier, int Credits)?> LoadAsync(long userId)
    {
        await using var command = db.CreateCommand("SELECT subscription_tier, credits_remaining FROM users WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetInt32(1)) : null;
    }

    public async Task<int> CountLiveSequencesAsync(long userId)
    {
        await using var command = db.CreateCommand(
            "SELECT count(*) FROM sequence_instances WHERE user_id = $1 AND status IN ('active', 'paused')");
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    /// <summary>Steps claimed for sending since <paramref name="dayStart"/> (what today's quota has used).</summary>
    public async Task<int> CountClaimedSinceAsync(long userId, DateTimeOffset dayStart)
    {
        await using var command = db.CreateCommand(
            "SELECT count(*) FROM outreach WHERE user_id = $1 AND claimed_at >= $2");
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = dayStart.UtcDateTime });
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    /// <summary>
    /// Changes the balance and appends the ledger row in one transaction. Refused when the balance would go
    /// negative; a (reason, reference) already in the ledger is not applied twice.
    /// </summary>
    public async Task<CreditResult> ChangeCreditsAsync(long userId, int delta, string reason, string? reference)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (reference is not null)
        {
            await using var seen = new NpgsqlCommand(
                "SELECT balance_after FROM credit_ledger WHERE user_id = $1 AND reason = $2 AND ref = $3", connection, transaction);
            seen.Parameters.Add(new NpgsqlParameter { Value = userId });
            seen.Parameters.Add(new NpgsqlParameter { Value = reason });
            seen.Parameters.Add(new NpgsqlParameter { Value = reference });
            if (await seen.ExecuteScalarAsync() is not null)
            {
                return new CreditResult(true, await BalanceAsync(connection, transaction, userId));
            }
        }

        await using var update = new NpgsqlCommand(
            """
            UPDATE users SET credits_remaining = credits_remaining + $2, updated_at = now()
            WHERE id = $1 AND credits_remaining + $2 >= 0
            RETURNING credits_remaining
            """, connection, transaction);
        update.Parameters.Add(new NpgsqlParameter { Value = userId });
        update.Parameters.Add(new NpgsqlParameter { Value = delta });
        if (await update.ExecuteScalarAsync() is not int balance)
        {
            return new CreditResult(false, await BalanceAsync(connection, transaction, userId));
        }

        await using var ledger = new NpgsqlCommand(
            "INSERT INTO credit_ledger (user_id, delta, balance_after, reason, ref) VALUES ($1, $2, $3, $4, $5)",
            connection, transaction);
        ledger.Parameters.Add(new NpgsqlParameter { Value = userId });
        ledger.Parameters.Add(new NpgsqlParameter { Value = delta });
        ledger.Parameters.Add(new NpgsqlParameter { Value = balance });
        ledger.Parameters.Add(new NpgsqlParameter { Value = reason });
        ledger.Parameters.Add(new NpgsqlParameter { Value = (object?)reference ?? DBNull.Value });
        await ledger.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return new CreditResult(true, balance);
    }

    private static async Task<int> BalanceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long userId)
    {
        await using var command = new NpgsqlCommand("SELECT credits_remaining FROM users WHERE id = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
