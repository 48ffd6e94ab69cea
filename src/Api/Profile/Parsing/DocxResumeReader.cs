using System.IO.Packaging;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace RoleFerry.Api.Profile.Parsing;

/// <summary>
/// Reads the text of a DOCX resume with the Open XML SDK: the paragraphs of the headers, then of the body
/// (table cells included, in document order), one line per paragraph. A paragraph with list numbering, or a
/// "List" style, is a bullet. The style of a line is its paragraph style, or its size and weight when it has
/// none. A damaged package raises <see cref="UnreadableResumeException"/>.
/// </summary>
public static class DocxResumeReader
{
    private static readonly char[] Bullets = ['•', '·', '▪', '◦', '●', '■', '‣', '○', '►', '✓', '–', '-', '*'];

    public static IReadOnlyList<ResumeLine> Read(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = WordprocessingDocument.Open(stream, false);
            var main = document.MainDocumentPart ?? throw new UnreadableResumeException("The Word document has no body; save it again and upload the new file.");
            var lines = new List<ResumeLine>();
            foreach (var header in main.HeaderParts)
            {
                AddParagraphs(header.Header, lines);
            }

            if (main.Document?.Body is { } body)
            {
                AddParagraphs(body, lines);
            }

            if (lines.Count == 0)
            {
                throw new UnreadableResumeException("The Word document has no text.");
            }

            return lines;
        }
        catch (Exception e) when (e is OpenXmlPackageException or FileFormatException or InvalidDataException or IOException
                                       or System.Xml.XmlException or InvalidOperationException or ArgumentException)
        {
            throw new UnreadableResumeException("The Word document is damaged and could not be read; save it again and upload the new file.", e);
        }
    }

    private static void AddParagraphs(OpenXmlElement? root, List<ResumeLine> lines)
    {
        if (root is null)
        {
            return;
        }

        foreach (var paragraph in root.Descendants<Paragraph>())
        {
            if (paragraph.Ancestors<DocumentFormat.OpenXml.AlternateContentFallback>().Any())
            {
                continue;
            }

            var text = Text(paragraph).Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var properties = paragraph.ParagraphProperties;
            var styleId = properties?.ParagraphStyleId?.Val?.Value;
            var isBullet = properties?.NumberingProperties is not null
                           || (styleId?.Contains("List", StringComparison.OrdinalIgnoreCase) ?? false);
            if (!isBullet && text.Length > 1 && Bullets.Contains(text[0]) && char.IsWhiteSpace(text[1]))
            {
                isBullet = true;
                text = text[1..].Trim();
            }

            lines.Add(new ResumeLine(text, isBullet, styleId ?? RunStyle(paragraph)));
        }
    }

    private static string Text(Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text t when !t.Ancestors<DocumentFormat.OpenXml.AlternateContentFallback>().Any():
                    text.Append(t.Text);
                    break;
                case TabChar:
                    text.Append('\t');
                    break;
                case Break or CarriageReturn:
                    text.Append(' ');
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>"28/bold" from the runs' size (half-points) and weight, or "body".</summary>
    private static string RunStyle(Paragraph paragraph)
    {
        var runs = paragraph.Descendants<Run>().Where(r => r.InnerText.Trim().Length > 0).ToList();
        if (runs.Count == 0)
        {
            return "body";
        }

        var bold = runs.All(r => r.RunProperties?.Bold is { } b && (b.Val is null || b.Val.Value));
        var size = runs[0].RunProperties?.FontSize?.Val?.Value;
        return size is null && !bold ? "body" : $"{size}{(bold ? "/bold" : "")}";
    }
}
