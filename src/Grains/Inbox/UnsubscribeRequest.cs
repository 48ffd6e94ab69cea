using System.Text.RegularExpressions;

namespace RoleFerry.Grains.Inbox;

/// <summary>
/// Does a reply ask to be left alone? "unsubscribe", "remove me", "take me off", "opt out", "stop emailing me"
/// in its subject or its own new text (the quoted email below it, with our unsubscribe footer, does not count).
/// </summary>
public static partial class UnsubscribeRequest
{
    public static bool IsRequest(InboundEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return Phrase().IsMatch(email.Subject) || Phrase().IsMatch(QuotedText.NewText(email.TextBody));
    }

    [GeneratedRegex(
        @"\b(unsubscribe|remove me|take me off|opt[ -]?out|stop (e-?mailing|contacting|writing to|messaging) me|do not (e-?mail|contact) me|don'?t (e-?mail|contact) me( again)?)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Phrase();
}
