using System.Text.RegularExpressions;
using Npgsql;
using RoleFerry.Data.Tracking;

namespace RoleFerry.Grains.Inbox;

/// <summary>
/// Finds the email of ours a message read over IMAP answers. First by Message-ID: a bounce's original
/// Message-ID, then In-Reply-To, then References from the newest (replies to any step of a thread match); then
/// by a mailto unsubscribe's token (subject <c>unsubscribe-&lt;token&gt;</c>); else by address: the mailbox's
/// latest email within the window to the sender (for a bounce: to the failed recipient).
/// </summary>
public sealed partial class InboxMatcher(NpgsqlDataSource db, TrackingTokenCodec tokens)
{
    public async Task<InboxMatch?> MatchAsync(long mailboxId, InboundEmail email, string? failedRecipient, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(email);
        var candidates = new List<string>();
        if (email.DeliveryStatus?.OriginalMessageId is { } original)
        {
            candidates.Add(original);
        }

        if (email.InReplyTo is { } inReplyTo)
        {
            candidates.Add(inReplyTo);
        }

        candidates.AddRange(email.References.Reverse());
        if (await FirstOfOursAsync(candidates) is { } byId)
        {
            return new InboxMatch(byId, InboxMatch.ByMessageId);
        }

        if (UnsubscribeSubject().Match(email.Subject) is { Success: true } subject
            && tokens.TryRead(subject.Groups["token"].Value, out var token) && token.Kind == TrackingKind.Unsubscribe
            && await MessageIdOfOutreachAsync(token.OutreachId) is { } byToken)
        {
            return new InboxMatch(byToken, InboxMatch.ByUnsubscribeToken);
        }

        var address = failedRecipient ?? email.FromAddress;
        return address is not null && await LatestToAsync(mailboxId, address, since) is { } byAddress
            ? new InboxMatch(byAddress, InboxMatch.BySenderAddress)
            : null;
    }

    /// <summary>True when the message is one RoleFerry sent (a copy of our own email that landed in the inbox).</summary>
    public async Task<bool> IsOursAsync(string messageId) => await FirstOfOursAsync([messageId]) is not null;

    private async Task<string?> FirstOfOursAsync(List<string> candidates)
    {
        var ids = candidates.Where(id => id.Length is > 0 and <= 250).Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0)
        {
            return null;
        }

        var ours = new HashSet<string>(
            await db.ReadAllAsync("SELECT message_id FROM outreach WHERE message_id = ANY($1)", reader => reader.GetString(0), Sql.TextArray(ids)),
            StringComparer.Ordinal);
        return ids.FirstOrDefault(ours.Contains);
    }

    private async Task<string?> MessageIdOfOutreachAsync(long outreachId) =>
        await db.ScalarAsync("SELECT message_id FROM outreach WHERE id = $1 AND message_id IS NOT NULL", outreachId) as string;

    private async Task<string?> LatestToAsync(long mailboxId, string address, DateTimeOffset since) =>
        await db.ScalarAsync(
            """
            SELECT message_id FROM outreach
            WHERE mailbox_id = $1 AND lower(to_email) = lower($2) AND sent_at >= $3
              AND message_id IS NOT NULL AND sent_at IS NOT NULL
            ORDER BY sent_at DESC, id DESC
            LIMIT 1
            """,
            mailboxId, address.Trim(), since) as string;

    [GeneratedRegex(@"\bunsubscribe-(?<token>[A-Za-z0-9_-]{16,})", RegexOptions.IgnoreCase)]
    private static partial Regex UnsubscribeSubject();
}
