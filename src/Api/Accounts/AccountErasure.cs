using Npgsql;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Accounts;

/// <summary>
/// Erases a user's rows in one transaction (<c>DELETE /api/me</c>, after their sequences were canceled through their
/// grains). What must outlive the user stays without personal data: suppression entries keep only the address's
/// hash (so the address is still never emailed again), ledger rows keep their amounts without owner or reference,
/// mailbox reservations keep the sending statistics (their links are cleared by their foreign keys). Everything
/// else the user owns goes with the users row (ON DELETE CASCADE), after the rows that only name the user by value:
/// the events of their emails and their audit events.
/// </summary>
public static class AccountErasure
{
    public static async Task EraseAsync(NpgsqlDataSource db, long userId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Sql.BatchCommand("SELECT id FROM users WHERE id = $1 FOR UPDATE", userId));
        batch.BatchCommands.Add(Sql.BatchCommand(
            "UPDATE suppression_list SET email = NULL, user_id = NULL WHERE user_id = $1", userId));
        batch.BatchCommands.Add(Sql.BatchCommand(
            "UPDATE credit_ledger SET user_id = NULL, ref = NULL WHERE user_id = $1", userId));
        batch.BatchCommands.Add(Sql.BatchCommand(
            """
            DELETE FROM outreach_events e USING outreach o WHERE e.outreach_id = o.id AND o.user_id = $1
            """,
            userId));
        batch.BatchCommands.Add(Sql.BatchCommand("DELETE FROM audit_events WHERE user_id = $1", userId));
        batch.BatchCommands.Add(Sql.BatchCommand("DELETE FROM users WHERE id = $1", userId));
        await batch.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
