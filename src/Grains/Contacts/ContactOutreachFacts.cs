using Npgsql;

namespace RoleFerry.Grains.Contacts;

/// <summary>
/// What the outreach engine records on a contact, in the transaction of what caused it: when it was last contacted
/// (a step sent, a reply), its bounces, spam reports and opt-out, and its address put on the suppression list. The
/// contact itself (create, edit, delete) is the API's (<c>ContactsApi</c>); these columns are the engine's facts
/// about it, and these statements the only ones the grains run on the table (besides the retention of
/// <c>MaintenanceStore</c>).
/// </summary>
internal static class ContactOutreachFacts
{
    /// <summary>The steps of a batch left: each step's contact was contacted at its send time ($1 outreach ids, $2 times).</summary>
    public const string ContactedBySentStepsSql =
        """
        UPDATE contacts c SET last_contacted_at = x.sent_at, updated_at = now()
        FROM unnest($1::bigint[], $2::timestamptz[]) AS x(id, sent_at)
        JOIN outreach o ON o.id = x.id
        WHERE c.id = o.contact_id
        """;

    public static Task ContactedAsync(NpgsqlConnection connection, long contactId, DateTimeOffset at) => connection.ExecuteAsync(
        "UPDATE contacts SET last_contacted_at = $2, updated_at = now() WHERE id = $1", contactId, at);

    public static Task BouncedAsync(NpgsqlConnection connection, long contactId) => connection.ExecuteAsync(
        "UPDATE contacts SET bounce_count = bounce_count + 1, updated_at = now() WHERE id = $1", contactId);

    /// <summary>The recipient of an outreach row bounced (SMTP refused it): a command of the send's batch.</summary>
    public static NpgsqlBatchCommand BouncedByOutreach(long outreachId) => Sql.BatchCommand(
        """
        UPDATE contacts SET bounce_count = bounce_count + 1, updated_at = now()
        WHERE id = (SELECT contact_id FROM outreach WHERE id = $1)
        """,
        outreachId);

    public static Task SpamReportedAsync(NpgsqlConnection connection, long contactId) => connection.ExecuteAsync(
        "UPDATE contacts SET spam_reports = spam_reports + 1, updated_at = now() WHERE id = $1", contactId);

    /// <summary>
    /// Opts the contact out (the first time and reason stay) and suppresses its address: for everyone when it is the
    /// recipient's own word (an unsubscribe, a spam complaint), for the contact's user only when it is the user's
    /// (<paramref name="forEveryone"/> false: <c>POST /api/contacts/{id}/opt-out</c>).
    /// </summary>
    public static async Task OptedOutAsync(NpgsqlConnection connection, long contactId, string reason, DateTimeOffset at, bool forEveryone = true)
    {
        await connection.ExecuteAsync(
            """
            UPDATE contacts SET opted_out = true, opted_out_at = coalesce(opted_out_at, $2),
                                opted_out_reason = coalesce(opted_out_reason, $3), updated_at = now()
            WHERE id = $1
            """,
            contactId, at, reason);
        if (forEveryone)
        {
            await SuppressAsync(connection, contactId, reason);
        }
        else
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO user_suppressions (user_id, email)
                SELECT user_id, lower(btrim(email)) FROM contacts WHERE id = $1
                ON CONFLICT DO NOTHING
                """,
                contactId);
        }
    }

    /// <summary>Puts the contact's address on the suppression list (once) with <paramref name="reason"/>.</summary>
    public static Task SuppressAsync(NpgsqlConnection connection, long contactId, string reason) => connection.ExecuteAsync(
        """
        INSERT INTO suppression_list (email, reason, user_id)
        SELECT lower(email), $2, user_id FROM contacts WHERE id = $1
        ON CONFLICT DO NOTHING
        """,
        contactId, reason);

    /// <summary>Locks the contact if it is the user's (true), for a change in the caller's transaction.</summary>
    public static async Task<bool> LockOwnedAsync(NpgsqlConnection connection, long userId, long contactId) =>
        await connection.ExecuteAsync("UPDATE contacts SET updated_at = now() WHERE id = $1 AND user_id = $2", contactId, userId) > 0;
}
