using Npgsql;

namespace RoleFerry.Grains.Suppression;

/// <summary>
/// The suppression list, read: an address is suppressed when an entry has its hash
/// (<c>email_hash = suppression_hash(address)</c>, sha256 hex of the normalized address), from any user's outreach.
/// Every entry has the hash, the same whether it keeps the address or was anonymized when its user's data was
/// erased (a CHECK in migration 0007), so one probe of its unique index answers. Enrollment refuses such a contact
/// (409), the send claim refuses its steps, and a step refused for it is canceled with the reason
/// (<c>SequenceOutreachStore.CancelStepAsync</c>).
/// </summary>
public sealed class SuppressionList(NpgsqlDataSource db)
{
    /// <summary>Why the address of <paramref name="contactId"/> is suppressed (unsubscribe, hard_bounce, ...); null when it is not.</summary>
    public async Task<string?> ReasonForContactAsync(long contactId) => await db.ScalarAsync(
        """
        SELECT s.reason FROM contacts c
        JOIN suppression_list s ON s.email_hash = suppression_hash(c.email)
        WHERE c.id = $1
        """,
        contactId) as string;
}
