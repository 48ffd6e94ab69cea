using System.Text.RegularExpressions;

namespace RoleFerry.Grains.Inbox;

/// <summary>
/// Is a message an automatic reply? RFC 3834 <c>Auto-Submitted</c> (anything but "no"), <c>X-Autoreply</c>,
/// <c>X-Autorespond</c> / <c>X-Autoresponder</c>, <c>Precedence: auto_reply</c>, or a common out-of-office subject
/// ("Automatic reply:", "Out of office", "Auto-reply", "Abwesenheitsnotiz", "Réponse automatique", ...).
/// </summary>
public static partial class AutoReplyDetector
{
    public static bool IsAutoReply(InboundEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var headers = email.AutomationHeaders;
        if (headers.TryGetValue("auto-submitted", out var submitted)
            && !submitted.Split(';', 2)[0].Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (headers.ContainsKey("x-autoreply") || headers.ContainsKey("x-autorespond") || headers.ContainsKey("x-autoresponder"))
        {
            return true;
        }

        return (headers.TryGetValue("precedence", out var precedence) && precedence.Trim().Equals("auto_reply", StringComparison.OrdinalIgnoreCase))
            || OutOfOfficeSubject().IsMatch(email.Subject);
    }

    [GeneratedRegex(
        @"\b(auto(matic|matische)?[ -]?(reply|response|antwort)|autoreply|out[ -]of[ -](the[ -])?office|\bOOO\b|on vacation|away from (the )?office|abwesenheit(snotiz)?|abwesend|r[ée]ponse automatique|absence du bureau|respuesta autom[áa]tica|fuera de la oficina|risposta automatica|fuori ufficio|automatisch antwoord|afwezig)\b|^auto:",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutOfOfficeSubject();
}
