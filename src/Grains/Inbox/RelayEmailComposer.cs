using RoleFerry.Grains.Email;
using RoleFerry.Grains.Templates;

namespace RoleFerry.Grains.Inbox;

/// <summary>
/// The email that relays a contact's reply to the user: from the mailbox that received it (display name "Alex
/// Helper via RoleFerry"), to the user, Reply-To = the contact, so the user answers from their own inbox. It says
/// who wrote, about which application, and carries the reply's text; <c>Auto-Submitted: auto-generated</c> and
/// <c>X-RoleFerry-Relay-Of</c> mark it (no out-of-office answers it, and a reader that meets it skips it).
/// </summary>
public static class RelayEmailComposer
{
    public static OutgoingEmail Compose(PendingRelay relay, string mailboxAddress)
    {
        ArgumentNullException.ThrowIfNull(relay);
        var who = string.IsNullOrWhiteSpace(relay.FromName) ? relay.FromAddress : relay.FromName.Trim();
        var about = relay.JobTitle is null
            ? "your outreach"
            : $"your outreach about {relay.JobTitle}{(relay.CompanyName is null ? "" : $" at {relay.CompanyName}")}";
        var application = relay.ApplicationId is long id ? $" (application {id})" : "";
        var intro = $"{who} <{relay.FromAddress}> replied to {about}{application}.\nAnswer this email to write back to them from your own inbox.";
        var text = $"{intro}\n\n----------\n{relay.TextBody.ReplaceLineEndings("\n").Trim()}\n";
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [EmailHeaders.AutoSubmitted] = "auto-generated",
            [EmailHeaders.RelayOf] = relay.InboxMessageId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var subject = $"{who} replied: {relay.Subject}".ReplaceLineEndings(" ");
        return new OutgoingEmail(
            mailboxAddress,
            $"{who} via RoleFerry",
            relay.UserEmail,
            string.IsNullOrWhiteSpace(relay.UserName) ? null : relay.UserName,
            relay.FromAddress,
            string.IsNullOrWhiteSpace(relay.FromName) ? null : relay.FromName.Trim(),
            subject.Length <= 900 ? subject : subject[..900],
            text,
            $"<!DOCTYPE html>\n<html><body>\n{PlainTextHtml.Convert(intro)}\n<hr>\n{PlainTextHtml.Convert(relay.TextBody)}\n</body></html>\n",
            EmailComposer.NewMessageId(mailboxAddress[(mailboxAddress.LastIndexOf('@') + 1)..].ToLowerInvariant()),
            headers);
    }
}
