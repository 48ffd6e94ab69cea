using System.Text.RegularExpressions;

namespace RoleFerry.Grains.Inbox;

/// <summary>
/// The new text of a reply: what comes before the quoted email ("On ... wrote:", "-----Original Message-----",
/// an Outlook header block, our own unsubscribe footer), without lines quoted with "&gt;". What the snippet shows
/// and what an unsubscribe request is looked for in (the quoted footer of our own email says "Unsubscribe").
/// </summary>
public static partial class QuotedText
{
    public static string NewText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var kept = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            var next = i + 1 < lines.Length ? lines[i + 1].Trim() : "";
            if (StartsQuote(line.Trim(), next))
            {
                break;
            }

            if (!line.TrimStart().StartsWith('>'))
            {
                kept.Add(line);
            }
        }

        return string.Join('\n', kept).Trim();
    }

    /// <summary>The first words of <paramref name="text"/>'s new part on one line, at most <paramref name="length"/> characters.</summary>
    public static string Snippet(string text, int length = 200)
    {
        var fresh = NewText(text);
        var line = Spaces().Replace(fresh.Length > 0 ? fresh : text, " ").Trim();
        return line.Length <= length ? line : line[..(length - 1)].TrimEnd() + "…";
    }

    private static bool StartsQuote(string line, string next) =>
        Attribution().IsMatch(line)
        || (line.StartsWith("On ", StringComparison.Ordinal) && next.EndsWith("wrote:", StringComparison.Ordinal))
        || Separator().IsMatch(line)
        || (line.StartsWith("From:", StringComparison.OrdinalIgnoreCase) && HeaderBlockLine().IsMatch(next))
        || line.StartsWith("Don't want these emails?", StringComparison.OrdinalIgnoreCase);

    /// <summary>"On Mon, 2 Nov 2026 at 09:00, Jamie &lt;j@x&gt; wrote:" and its French and German forms.</summary>
    [GeneratedRegex(@"^(On\s.{1,300}\swrote:|Le\s.{1,300}\sa\sécrit\s?:|Am\s.{1,300}\sschrieb\s.{0,200}:)$", RegexOptions.IgnoreCase)]
    private static partial Regex Attribution();

    [GeneratedRegex(@"^(-{2,}\s*(Original Message|Forwarded message|Ursprüngliche Nachricht|Message d'origine)\s*-{2,}|_{10,})$", RegexOptions.IgnoreCase)]
    private static partial Regex Separator();

    [GeneratedRegex(@"^(Sent|Date|To|Subject|Gesendet|Envoyé)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderBlockLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
