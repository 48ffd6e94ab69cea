using Npgsql;

namespace RoleFerry.Grains.Sequences;

/// <summary>
/// What an email event (webhook, tracking or IMAP) changes on the outreach row of the email it is about. The
/// outreach rows are the sequence side's; these statements are theirs, and run in the transaction of the event
/// (<c>EmailEventStore</c>): the event row, its effects and the stop condition a reply or bounce sets (the claim
/// refuses a contact with a replied step) must commit together, so they cannot wait for a call to the sequence grain.
/// </summary>
internal static class OutreachEventWrites
{
    public static Task DeliveredAsync(NpgsqlConnection connection, long outreachId, DateTimeOffset at) => connection.ExecuteAsync(
        "UPDATE outreach SET status = 'delivered', delivered_at = $2, updated_at = now() WHERE id = $1 AND status = 'sent'",
        outreachId, at);

    public static Task OpenedAsync(NpgsqlConnection connection, long outreachId, DateTimeOffset at) => connection.ExecuteAsync(
        "UPDATE outreach SET open_count = open_count + 1, opened_at = coalesce(opened_at, $2), updated_at = now() WHERE id = $1",
        outreachId, at);

    public static Task ClickedAsync(NpgsqlConnection connection, long outreachId, DateTimeOffset at) => connection.ExecuteAsync(
        "UPDATE outreach SET click_count = click_count + 1, clicked_at = coalesce(clicked_at, $2), updated_at = now() WHERE id = $1",
        outreachId, at);

    public static Task BouncedAsync(NpgsqlConnection connection, long outreachId, DateTimeOffset at, string? reason) => connection.ExecuteAsync(
        "UPDATE outreach SET status = 'bounced', bounced_at = $2, error = $3, updated_at = now() WHERE id = $1",
        outreachId, at, reason);

    public static Task RepliedAsync(NpgsqlConnection connection, long outreachId, DateTimeOffset at) => connection.ExecuteAsync(
        "UPDATE outreach SET status = 'replied', replied_at = $2, updated_at = now() WHERE id = $1",
        outreachId, at);
}
