using System.Globalization;
using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;
using UglyToad.PdfPig.Exceptions;

namespace RoleFerry.Api.Profile.Parsing;

/// <summary>
/// Reads the text of a PDF resume from PdfPig's word positions, page by page. A page in two columns (a sidebar
/// beside the main column) is read column by column: <see cref="PageColumns"/> finds the gutter no line crosses,
/// lines spanning it (a header) are read in place, and the lines of each column in turn below it. Words are grouped
/// into lines by their baseline; a wide gap inside a line becomes a tab (title ⇥ dates). A line indented from its column's
/// edge is a list item (browsers draw the bullet as a shape); a wrapped line continues the line before it. Encrypted files, files without a text layer (a scan) and damaged files raise
/// <see cref="UnreadableResumeException"/> saying which.
/// </summary>
public static class PdfResumeReader
{
    private static readonly char[] Bullets = ['•', '·', '▪', '◦', '●', '■', '‣', '○', '►', '✓', '–', '-', '*', '\uF0B7', '\uF0A7'];

    /// <summary>A line indented this far (points) from its column's left edge is a list item.</summary>
    private const double ListIndent = 8;

    /// <summary>A line shorter than this did not wrap ("Airflow ⏎ dbt" are two items).</summary>
    private const int MinimumWrappedLength = 30;

    /// <summary>Fewer letters than this in the whole file is a scan (an image with no text layer).</summary>
    private const int MinimumLetters = 20;

    public static IReadOnlyList<ResumeLine> Read(byte[] content)
    {
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true });
        }
        catch (PdfDocumentEncryptedException e)
        {
            throw new UnreadableResumeException("The PDF is encrypted (password-protected); upload a copy without a password.", e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new UnreadableResumeException("The PDF is damaged and could not be read; export it again and upload the new file.", e);
        }

        using (document)
        {
            if (document.IsEncrypted)
            {
                throw new UnreadableResumeException("The PDF is encrypted (password-protected); upload a copy without a password.");
            }

            var lines = new List<ResumeLine>();
            var letters = 0;
            try
            {
                for (var number = 1; number <= document.NumberOfPages; number++)
                {
                    var page = document.GetPage(number);
                    letters += page.Letters.Count(l => !string.IsNullOrWhiteSpace(l.Value));
                    ReadPage(page, lines);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new UnreadableResumeException("The PDF is damaged and could not be read; export it again and upload the new file.", e);
            }

            if (letters < MinimumLetters)
            {
                throw new UnreadableResumeException(
                    "The PDF has no text layer (it looks like a scanned image); upload a PDF with selectable text or a DOCX.");
            }

            return lines;
        }
    }

    private static void ReadPage(Page page, List<ResumeLine> lines)
    {
        var words = NearestNeighbourWordExtractor.Instance.GetWords(page.Letters)
            .Where(w => !string.IsNullOrWhiteSpace(w.Text))
            .ToList();
        if (words.Count == 0)
        {
            return;
        }

        var bodySize = Median(words.SelectMany(w => w.Letters).Select(l => l.PointSize));
        foreach (var region in PageColumns.Regions(words, page.Width))
        {
            var left = region.Min(w => w.BoundingBox.Left);
            var regionStart = lines.Count;
            foreach (var line in Lines(region))
            {
                var text = LineText(line, bodySize).Trim();
                var indent = line[0].BoundingBox.Left - left;
                var style = Style(line, bodySize);
                var previous = lines.Count > regionStart ? lines[^1] : null;
                if (text.Length > 1 && Bullets.Contains(text[0]) && char.IsWhiteSpace(text[1]))
                {
                    lines.Add(new ResumeLine(text[1..].Trim(), true, style));
                }
                else if (previous is not null && Continues(previous, text, style))
                {
                    lines[^1] = previous with { Text = previous.Text + " " + text };
                }
                else
                {
                    // A list item without a marker glyph (browsers draw the bullet) is still indented.
                    lines.Add(new ResumeLine(text, indent >= ListIndent, style));
                }
            }
        }
    }

    /// <summary>
    /// A wrapped line: the line before does not end a sentence and this one goes on in lower case (or, under a
    /// bullet, with a number: "cutting run time from ⏎ 6 hours to 50 minutes").
    /// </summary>
    private static bool Continues(ResumeLine previous, string text, string style)
    {
        if (text.Length == 0 || previous.Text.Length == 0 || previous.Text[^1] is '.' or '!' or '?' or ':' || style != previous.Style && !previous.IsBullet)
        {
            return false;
        }

        return previous.Text.Length >= MinimumWrappedLength
               && (char.IsLower(text[0]) || (previous.IsBullet && (char.IsDigit(text[0]) || text[0] == '(')));
    }

    /// <summary>The words of a region grouped into lines (top to bottom), each line's words left to right.</summary>
    private static IEnumerable<List<Word>> Lines(IReadOnlyList<Word> words)
    {
        var sorted = words.OrderByDescending(w => w.BoundingBox.Bottom).ThenBy(w => w.BoundingBox.Left).ToList();
        var line = new List<Word>();
        double baseline = 0, height = 0;
        foreach (var word in sorted)
        {
            if (line.Count > 0 && Math.Abs(word.BoundingBox.Bottom - baseline) > Math.Max(2, height * 0.5))
            {
                yield return line.OrderBy(w => w.BoundingBox.Left).ToList();
                line = [];
            }

            if (line.Count == 0)
            {
                baseline = word.BoundingBox.Bottom;
                height = word.BoundingBox.Height;
            }

            line.Add(word);
        }

        if (line.Count > 0)
        {
            yield return line.OrderBy(w => w.BoundingBox.Left).ToList();
        }
    }

    private static string LineText(List<Word> line, double bodySize)
    {
        var text = new StringBuilder(line[0].Text);
        for (var i = 1; i < line.Count; i++)
        {
            var gap = line[i].BoundingBox.Left - line[i - 1].BoundingBox.Right;
            text.Append(gap > bodySize * 1.5 ? '\t' : ' ').Append(line[i].Text);
        }

        // Ligatures as plain letters (the silo runs without ICU, so string.Normalize cannot do it) and no-break spaces as spaces.
        return text.Replace("\uFB00", "ff").Replace("\uFB01", "fi").Replace("\uFB02", "fl").Replace("\uFB03", "ffi")
            .Replace("\uFB04", "ffl").Replace("\uFB05", "st").Replace("\uFB06", "st").Replace('\u00A0', ' ').ToString();
    }

    /// <summary>Size (rounded to the point) and weight of the line's letters, e.g. "16/bold".</summary>
    private static string Style(List<Word> line, double bodySize)
    {
        var letters = line.SelectMany(w => w.Letters).Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        if (letters.Count == 0)
        {
            return "body";
        }

        var size = Math.Round(Median(letters.Select(l => l.PointSize)));
        var bold = letters.All(l => l.FontDetails?.IsBold == true || (l.FontDetails?.Name?.Contains("Bold", StringComparison.OrdinalIgnoreCase) ?? false));
        return size <= Math.Round(bodySize) && !bold ? "body" : size.ToString(CultureInfo.InvariantCulture) + (bold ? "/bold" : "");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }
}
