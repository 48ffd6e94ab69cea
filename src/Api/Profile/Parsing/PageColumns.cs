using UglyToad.PdfPig.Content;

namespace RoleFerry.Api.Profile.Parsing;

/// <summary>
/// Splits a page's words into regions in reading order. A page in two columns has a vertical gutter (at least
/// 8 pt wide, between 15% and 85% of the width) that at most a tenth of the text rows cross, with at least a
/// fifth of the words on each side. Rows that cross it (a header over both columns) stay whole, in place; between
/// them, the left column's rows come before the right column's. A page without such a gutter is one region.
/// </summary>
public static class PageColumns
{
    private const double MinimumGutter = 8;

    public static IEnumerable<IReadOnlyList<Word>> Regions(IReadOnlyList<Word> words, double pageWidth)
    {
        var rows = Rows(words);
        if (Gutter(words, rows, pageWidth) is not { } gutter)
        {
            yield return words;
            yield break;
        }

        var left = new List<Word>();
        var right = new List<Word>();
        foreach (var row in rows)
        {
            if (row.Any(w => w.BoundingBox.Left < gutter && w.BoundingBox.Right > gutter))
            {
                foreach (var column in Flush(left, right))
                {
                    yield return column;
                }

                yield return row;
                continue;
            }

            foreach (var word in row)
            {
                (word.BoundingBox.Right <= gutter ? left : right).Add(word);
            }
        }

        foreach (var column in Flush(left, right))
        {
            yield return column;
        }
    }

    private static IEnumerable<IReadOnlyList<Word>> Flush(List<Word> left, List<Word> right)
    {
        var columns = new[] { left.ToList(), right.ToList() }.Where(c => c.Count > 0).ToArray();
        left.Clear();
        right.Clear();
        return columns;
    }

    /// <summary>Words grouped by overlapping vertical extent (top to bottom).</summary>
    private static List<List<Word>> Rows(IReadOnlyList<Word> words)
    {
        var rows = new List<List<Word>>();
        double top = 0, bottom = 0;
        foreach (var word in words.OrderByDescending(w => w.BoundingBox.Top))
        {
            var box = word.BoundingBox;
            var overlap = Math.Min(top, box.Top) - Math.Max(bottom, box.Bottom);
            if (rows.Count > 0 && overlap > box.Height * 0.4)
            {
                rows[^1].Add(word);
                bottom = Math.Min(bottom, box.Bottom);
                continue;
            }

            rows.Add([word]);
            top = box.Top;
            bottom = box.Bottom;
        }

        return rows;
    }

    private static double? Gutter(IReadOnlyList<Word> words, List<List<Word>> rows, double pageWidth)
    {
        if (rows.Count < 6)
        {
            return null;
        }

        double? best = null;
        var bestWidth = 0.0;
        var runStart = double.NaN;
        for (var x = pageWidth * 0.15; x <= pageWidth * 0.85; x += 1)
        {
            var crossing = rows.Count(row => row.Any(w => w.BoundingBox.Left < x && w.BoundingBox.Right > x));
            if (crossing <= rows.Count / 10)
            {
                runStart = double.IsNaN(runStart) ? x : runStart;
                var width = x - runStart;
                if (width >= MinimumGutter && width > bestWidth && Balanced(words, runStart + width / 2))
                {
                    bestWidth = width;
                    best = runStart + width / 2;
                }
            }
            else
            {
                runStart = double.NaN;
            }
        }

        return best;
    }

    private static bool Balanced(IReadOnlyList<Word> words, double x)
    {
        var left = words.Count(w => w.BoundingBox.Right <= x);
        var right = words.Count(w => w.BoundingBox.Left >= x);
        return left >= words.Count / 5 && right >= words.Count / 5;
    }
}
