using System.Globalization;

namespace RoleFerry.Web.Authentication;

/// <summary>The signed-in person as the sign-in cookie remembers them (read again from the API every minute).</summary>
public sealed record Person(long Id, string Email, string FullName, string Timezone, bool IsAdmin)
{
    private TimeZoneInfo? _zone;

    public TimeZoneInfo Zone => _zone ??= FindZone(Timezone);

    /// <summary>A time of the API (UTC) in the person's timezone.</summary>
    public DateTimeOffset Local(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, Zone);

    /// <summary>"7 Dec 2026, 14:05": how the pages write a time, in the person's timezone.</summary>
    public string Format(DateTimeOffset time) => Local(time).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"7 Dec 2026": a day in the person's timezone.</summary>
    public string FormatDay(DateTimeOffset time) => Local(time).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
