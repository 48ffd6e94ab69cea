using System.Globalization;
using System.Text;

namespace RoleFerry.Bench;

/// <summary>The rows of a run, printed as one Markdown table.</summary>
public sealed class ResultTable
{
    private readonly List<ResultRow> _rows = [];
    private readonly List<string> _notes = [];

    public void Add(ResultRow row)
    {
        _rows.Add(row);
        Console.WriteLine($"  {row.Section} | {row.Case} | {row.Metric}: {Format(row.Value)} {row.Unit}"
                          + (row.Baseline is { } b ? $" (baseline {Format(b)}, ratio {FormatRatio(row.Ratio)})" : ""));
    }

    public void Note(string note)
    {
        _notes.Add(note);
        Console.WriteLine($"  note: {note}");
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| # | case | metric | RoleFerry | baseline | ratio (RoleFerry ÷ baseline) | baseline is |");
        text.AppendLine("| --- | --- | --- | ---: | ---: | ---: | --- |");
        foreach (var row in _rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {row.Section} | {row.Case} | {row.Metric} ({row.Unit}) | {Format(row.Value)} | ");
            text.Append(row.Baseline is { } b ? Format(b) : "—");
            text.AppendLine(CultureInfo.InvariantCulture, $" | {FormatRatio(row.Ratio)} | {row.BaselineName} |");
        }

        if (_notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in _notes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            }
        }

        return text.ToString();
    }

    private static string FormatRatio(double? ratio) => ratio switch
    {
        null => "—",
        >= 100 => ratio.Value.ToString("N0", CultureInfo.InvariantCulture) + "×",
        >= 0.1 => ratio.Value.ToString("0.00", CultureInfo.InvariantCulture) + "×",
        _ => ratio.Value.ToString("0.0000", CultureInfo.InvariantCulture) + "×",
    };

    public static string Format(double value) => value switch
    {
        double.NaN => "n/a",
        >= 1000 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.000", CultureInfo.InvariantCulture),
    };
}
