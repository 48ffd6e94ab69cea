using Npgsql;

namespace RoleFerry.Grains.Suppression;

/// <summary>
/// The suppression list, read: an address is suppressed when an entry has its normalized form (lower-cased,
/// trimmed) or its hash (<c>email_hash = suppression_hash(address)</c>, sha256 hex of the normalized address: what
/// an entry keeps once its user's data is erased), from any user's outreach. Enrollment refuses such a contact
/// (409), the send claim refuses its steps, and a step refused for it is canceled with the reason.
/// </summary>
public sealed class SuppressionList(NpgsqlDataSource db)
{
    /// <summary>Why the address of <paramref name="contactId"/> is suppressed (unsubscribe, hard_bounce, ...); null when it is not.</summary>
    public async Task<string?> ReasonForContactAsync(long contactId)
    {
        await using var command = db.CreateCommand(
            """
            SELECT s.reason FROM contacts c
            JOIN suppression_list s ON s.email = lower(btrim(c.email)) OR s.email_hash = suppression_hash(c.email)
            WHERE c.id = $1
            LIMIT 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = contactId });
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>Why <paramref name="address"/> is suppressed; null when it is not.</summary>
    public async Task<string?> ReasonForAddressAsync(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        await using var command = db.CreateCommand(
            "SELECT reason FROM suppression_list WHERE email = lower(btrim($1)) OR email_hash = suppression_hash($1) LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter { Value = address });
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>The step will not be sent: canceled, with <paramref name="reason"/> as its error.</summary>
    public async Task CancelStepAsync(long instanceId, int stepNo, string reason)
    {
        await using var command = db.CreateCommand(
            """
            UPDATE outreach SET status = 'canceled', error = $3, updated_at = now()
            WHERE sequence_instance_id = $1 AND step_no = $2 AND status = 'scheduled'
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = instanceId });
        command.Parameters.Add(new NpgsqlParameter { Value = stepNo });
        command.Parameters.Add(new NpgsqlParameter { Value = reason });
        await command.ExecuteNonQueryAsync();
    }
}
