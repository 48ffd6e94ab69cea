using System.Globalization;
using System.Text.Json;

namespace RoleFerry.Api.Jobs.Import;

/// <summary>Tolerant reads of a feed's JSON: a missing or mistyped field is null, not an error of the whole feed.</summary>
public static class FeedJson
{
    /// <summary>The string at the path of properties, trimmed, or null.</summary>
    public static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(element.GetString()) ? element.GetString()!.Trim() : null;
    }

    /// <summary>An id given as a number or a string.</summary>
    public static string? Id(JsonElement element, string property) =>
        element.TryGetProperty(property, out var id)
            ? id.ValueKind switch
            {
                JsonValueKind.Number => id.GetRawText(),
                JsonValueKind.String when !string.IsNullOrWhiteSpace(id.GetString()) => id.GetString()!.Trim(),
                _ => null,
            }
            : null;

    public static DateTimeOffset? Date(JsonElement element, string property) =>
        Text(element, property) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : null;
}
