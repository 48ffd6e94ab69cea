using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RoleFerry.Grains.Templates;

/// <summary>Reads and writes the API shape of a sending window: <c>{"days": [...], "start": "HH:MM", "end": "HH:MM"}</c>.</summary>
internal static partial class SendingWindowJson
{
    private const string Root = "sendingWindow";
    private const string DaysField = Root + ".days";
    private const string StartField = Root + ".start";
    private const string EndField = Root + ".end";

    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    public static string DayName(DayOfWeek day) => DayNames[(int)day];

    public static SendingWindow Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return SendingWindow.Default;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new SendingWindowException(Root, $"is not valid JSON ({e.Message}).");
        }
    }

    public static SendingWindow Parse(JsonElement? json)
    {
        if (json is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return SendingWindow.Default;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SendingWindowException(Root, "must be an object like {\"days\": [\"mon\"], \"start\": \"08:00\", \"end\": \"18:00\"}.");
        }

        var days = ReadDays(element);
        var start = ReadTime(element, "start", StartField, allowEndOfDay: false);
        var end = ReadTime(element, "end", EndField, allowEndOfDay: true);
        if (start >= end)
        {
            throw new SendingWindowException(EndField, $"must be later than start ({SendingWindow.Format(start)}); windows that cross midnight are not supported.");
        }

        return new SendingWindow(days, start, end);
    }

    public static string Write(SendingWindow window) =>
        JsonSerializer.Serialize(new
        {
            days = SendingWindow.WeekFromMonday.Where(window.Days.Contains).Select(DayName),
            start = SendingWindow.Format(window.Start),
            end = SendingWindow.Format(window.End),
        });

    private static List<DayOfWeek> ReadDays(JsonElement window)
    {
        if (!window.TryGetProperty("days", out var days) || days.ValueKind == JsonValueKind.Null)
        {
            throw new SendingWindowException(DaysField, "is required: a list of days such as [\"mon\", \"tue\"].");
        }

        if (days.ValueKind != JsonValueKind.Array)
        {
            throw new SendingWindowException(DaysField, "must be a list of days such as [\"mon\", \"tue\"].");
        }

        var result = new List<DayOfWeek>();
        foreach (var day in days.EnumerateArray())
        {
            var name = day.ValueKind == JsonValueKind.String ? day.GetString()!.Trim().ToLowerInvariant() : null;
            var index = name is null ? -1 : Array.IndexOf(DayNames, name);
            if (index < 0)
            {
                throw new SendingWindowException(DaysField, $"{day.GetRawText()} is not a day; use mon, tue, wed, thu, fri, sat or sun.");
            }

            result.Add((DayOfWeek)index);
        }

        return result.Count > 0
            ? result
            : throw new SendingWindowException(DaysField, "must name at least one day.");
    }

    private static TimeOnly ReadTime(JsonElement window, string property, string field, bool allowEndOfDay)
    {
        if (!window.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new SendingWindowException(field, "is required, as \"HH:MM\".");
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : "";
        var match = Clock().Match(text);
        if (!match.Success)
        {
            throw new SendingWindowException(field, $"{value.GetRawText()} is not a time; use \"HH:MM\" (24-hour).");
        }

        var hours = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minutes = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        if (hours == 24 && minutes == 0 && allowEndOfDay)
        {
            return SendingWindow.EndOfDay;
        }

        return hours < 24 && minutes < 60
            ? new TimeOnly(hours, minutes)
            : throw new SendingWindowException(field, $"\"{text}\" is out of range; use 00:00 to {(allowEndOfDay ? "24:00" : "23:59")}.");
    }

    [GeneratedRegex(@"^(?<h>[0-9]{1,2}):(?<m>[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Clock();
}
