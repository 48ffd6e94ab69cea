using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace RoleFerry.Api.Jobs.Import;

/// <summary>
/// The text of an HTML fragment (a posting's description): paragraphs, headings and list items on their own lines
/// (items as "• "), whitespace collapsed, scripts and styles dropped. Text that holds no tag is returned as it is.
/// </summary>
public static partial class HtmlText
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "P", "DIV", "BR", "LI", "UL", "OL", "H1", "H2", "H3", "H4", "H5", "H6", "TR", "TABLE", "SECTION", "ARTICLE", "HEADER",
        "FOOTER", "BLOCKQUOTE", "PRE", "DL", "DT", "DD", "HR",
    };

    public static string ToText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return string.Empty;
        }

        if (!Tag().IsMatch(html))
        {
            return Tidy(System.Net.WebUtility.HtmlDecode(html));
        }

        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");
        var text = new StringBuilder();
        Append(document.Body!, text);
        return Tidy(text.ToString());
    }

    private static void Append(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(t.Data);
                    break;
                case IElement { LocalName: "script" or "style" or "noscript" or "template" }:
                    break;
                case IElement e:
                    var block = Blocks.Contains(e.TagName);
                    if (block)
                    {
                        text.Append('\n');
                    }

                    if (e.LocalName == "li")
                    {
                        text.Append("• ");
                    }

                    Append(e, text);
                    if (block)
                    {
                        text.Append('\n');
                    }

                    break;
            }
        }
    }

    /// <summary>Plain text with its spaces collapsed and its blank lines dropped.</summary>
    public static string Tidy(string text)
    {
        var lines = text.Replace('\u00A0', ' ').Split('\n').Select(l => Spaces().Replace(l, " ").Trim()).Where(l => l.Length > 0);
        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"<[a-zA-Z/!][^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t\r\f\v]+")]
    private static partial Regex Spaces();
}
