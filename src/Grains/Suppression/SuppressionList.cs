using Npgsql;

namespace RoleFerry.Grains.Suppression;

/// <summary>
/// The suppression list, read: an address is suppressed for everyone when an entry has its hash
/// (<c>email_hash = suppression_hash(address)</c>), from any user's outreach (the recipient's own word or a hard
/// bounce), and for one user when that user opted it out (<c>user_suppressions</c>).
/// Every entry has the hash, the same whether it keeps the address or was anonymized when its user's data was
/// erased (a CHECK in migration 0007), so one probe of its unique index answers. Enrollment refuses such a contact
/// (409), the send claim refuses its steps, and a step refused for it is canceled with the reason
/// (<c>SequenceOutreachStore.CancelStepAsync</c>).
/// </summary>
public sealed class SuppressionList(NpgsqlDataSource db)
{
    /// <summary>What <see cref="ReasonForContactAsync"/> says of an entry another user's outreach made.</summary>
    public const string ByAnotherUser = "suppressed";

    /// <summary>
    /// Why the address of a contact is suppressed for its user, as the SQL of a contact <c>c</c> of user
    /// <c>user_id</c> reads it: the reason of an entry of the user's own outreach (unsubscribe, spam_report,
    /// hard_bounce), <see cref="ByAnotherUser"/> for another user's (whose reasons are theirs), <c>opt_out</c> when
    /// the user opted it out; null when it is not suppressed.
    /// </summary>
    public const string ReasonSql =
        """
        coalesce(
            (SELECT CASE WHEN s.user_id = c.user_id THEN s.reason ELSE 'suppressed' END
             FROM suppression_list s WHERE s.email_hash = suppression_hash(c.email)),
            (SELECT 'opt_out' FROM user_suppressions us WHERE us.user_id = c.user_id AND us.email = lower(btrim(c.email))))
        """;

    /// <summary>Why the address of <paramref name="contactId"/> is suppressed for its user (<see cref="ReasonSql"/>); null when it is not.</summary>
    public async Task<string?> ReasonForContactAsync(long contactId) =>
        await db.ScalarAsync($"SELECT {ReasonSql} FROM contacts c WHERE c.id = $1", contactId) as string;
}
