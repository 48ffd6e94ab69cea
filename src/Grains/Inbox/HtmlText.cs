using System.Text;
using System.Text.RegularExpressions;
using MimeKit.Text;

namespace RoleFerry.Grains.Inbox;

/// <summary>
/// HTML reduced to plain text for the inbox: the text of the document (entities decoded), line breaks for block
/// elements, nothing of scripts, styles or the head, runs of spaces and blank lines collapsed. Pure (MimeKit's
/// HTML tokenizer).
/// </summary>
public static partial class HtmlText
{
    private static readonly HashSet<HtmlTagId> Hidden = [HtmlTagId.Script, HtmlTagId.Style, HtmlTagId.Head, HtmlTagId.Title];

    private static readonly HashSet<HtmlTagId> Blocks =
    [
        HtmlTagId.Br, HtmlTagId.P, HtmlTagId.Div, HtmlTagId.LI, HtmlTagId.TR, HtmlTagId.H1, HtmlTagId.H2, HtmlTagId.H3,
        HtmlTagId.H4, HtmlTagId.H5, HtmlTagId.H6, HtmlTagId.BlockQuote, HtmlTagId.Table, HtmlTagId.UL, HtmlTagId.OL,
        HtmlTagId.HR, HtmlTagId.Pre,
    ];

    public static string ToText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = new StringBuilder(html.Length / 2);
        var hidden = 0;
        using var reader = new StringReader(html);
        var tokenizer = new HtmlTokenizer(reader);
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when Hidden.Contains(tag.Id):
                    hidden = tag.IsEndTag ? Math.Max(0, hidden - 1) : tag.IsEmptyElement ? hidden : hidden + 1;
                    break;
                case HtmlTagToken tag when Blocks.Contains(tag.Id) && hidden == 0:
                    text.Append('\n');
                    break;
                case HtmlDataToken data when hidden == 0 && token.Kind is HtmlTokenKind.Data or HtmlTokenKind.CData:
                    text.Append(Spaces().Replace(data.Data, " "));
                    break;
            }
        }

        var lines = text.ToString().Split('\n').Select(l => l.Trim());
        return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    [GeneratedRegex(@"[ \t\r\n\f\u00a0]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
