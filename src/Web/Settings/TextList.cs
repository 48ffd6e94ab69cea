namespace RoleFerry.Web.Settings;

/// <summary>The lists of the settings forms as people type them: comma-separated on one line, or one item per line.</summary>
public static class TextList
{
    public static List<string> FromCommas(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    public static List<string> FromLines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    public static string ToCommas(IEnumerable<string> items) => string.Join(", ", items);

    public static string ToLines(IEnumerable<string> items) => string.Join("\n", items);
}
