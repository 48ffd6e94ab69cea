using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace RoleFerry.Grains.Templates;

/// <summary>
/// Turns plain text into safe HTML: everything encoded, paragraphs (separated by blank lines) as
/// <c>&lt;p&gt;</c>, line breaks as <c>&lt;br&gt;</c>, bare http(s) URLs as <c>&lt;a href&gt;</c>.
/// </summary>
public static partial class PlainTextHtml
{
    /// <summary>Characters that end a sentence rather than a URL when they come last.</summary>
    private const string TrailingPunctuation = ".,;:!?'*";

    public static string Convert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var paragraphs = BlankLines().Split(text.ReplaceLineEndings("\n"))
            .Select(p => p.Trim('\n'))
            .Where(p => p.Trim().Length > 0)
            .Select(p => "<p>" + string.Join("<br>\n", p.Split('\n').Select(Linkify)) + "</p>");
        return string.Join("\n", paragraphs);
    }

    /// <summary>One line of text, encoded, with its URLs as links.</summary>
    public static string Linkify(string line)
    {
        var html = new StringBuilder();
        var position = 0;
        foreach (Match match in Url().Matches(line))
        {
            var url = TrimTrailingPunctuation(match.Value);
            if (!Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                continue;
            }

            html.Append(WebUtility.HtmlEncode(line[position..match.Index]));
            var encoded = WebUtility.HtmlEncode(url);
            html.Append("<a href=\"").Append(encoded).Append("\">").Append(encoded).Append("</a>");
            position = match.Index + url.Length;
        }

        html.Append(WebUtility.HtmlEncode(line[position..]));
        return html.ToString();
    }

    private static string TrimTrailingPunctuation(string url)
    {
        while (url.Length > 0)
        {
            var last = url[^1];
            var unbalanced = (last == ')' && url.Count(c => c == '(') < url.Count(c => c == ')'))
                || (last == ']' && url.Count(c => c == '[') < url.Count(c => c == ']'));
            if (!unbalanced && !TrailingPunctuation.Contains(last))
            {
                break;
            }

            url = url[..^1];
        }

        return url;
    }

    [GeneratedRegex(@"\n[ \t]*\n(?:[ \t]*\n)*")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"\bhttps?://[^\s<>""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Url();
}
