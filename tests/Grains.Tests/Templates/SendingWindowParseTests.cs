using System.Text.Json;
using RoleFerry.Grains.Templates;

namespace RoleFerry.Grains.Tests.Templates;

public sealed class SendingWindowParseTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void Absent_or_null_is_the_default_window()
    {
        Assert.Same(SendingWindow.Default, SendingWindow.Parse((JsonElement?)null));
        Assert.Same(SendingWindow.Default, SendingWindow.Parse(Json("null")));
        Assert.Same(SendingWindow.Default, SendingWindow.Parse((string?)null));
        Assert.Same(SendingWindow.Default, SendingWindow.Parse("  "));
    }

    [Fact]
    public void Reads_days_start_and_end()
    {
        var window = SendingWindow.Parse(Json("""{"days": ["SAT", "sun", "sat"], "start": "9:15", "end": "17:45"}"""));

        Assert.Equal([DayOfWeek.Sunday, DayOfWeek.Saturday], window.Days.Order());
        Assert.Equal(new TimeOnly(9, 15), window.Start);
        Assert.Equal(new TimeOnly(17, 45), window.End);
    }

    [Fact]
    public void Seven_days_from_00_00_to_24_00_is_any_time()
    {
        var window = SendingWindow.Parse(Json("""{"days": ["mon","tue","wed","thu","fri","sat","sun"], "start": "00:00", "end": "24:00"}"""));

        Assert.Equal(SendingWindow.EndOfDay, window.End);
        Assert.True(window.IsAnyTime);
    }

    [Fact]
    public void The_default_window_in_json_equals_the_default()
    {
        Assert.Equal(SendingWindow.Default, SendingWindow.Parse("""{"days":["mon","tue","wed","thu","fri"],"start":"08:00","end":"18:00"}"""));
    }

    [Fact]
    public void ToJson_writes_the_api_shape_and_reads_back()
    {
        var anyTime = new SendingWindow(Enum.GetValues<DayOfWeek>(), TimeOnly.MinValue, SendingWindow.EndOfDay);

        Assert.Equal("""{"days":["mon","tue","wed","thu","fri"],"start":"08:00","end":"18:00"}""", SendingWindow.Default.ToJson());
        Assert.Equal("""{"days":["mon","tue","wed","thu","fri","sat","sun"],"start":"00:00","end":"24:00"}""", anyTime.ToJson());
        Assert.Equal(anyTime, SendingWindow.Parse(anyTime.ToJson()));
    }

    [Theory]
    [InlineData("""["mon"]""", "sendingWindow", "must be an object like {\"days\": [\"mon\"], \"start\": \"08:00\", \"end\": \"18:00\"}.")]
    [InlineData("""{"start": "08:00", "end": "18:00"}""", "sendingWindow.days", "is required: a list of days such as [\"mon\", \"tue\"].")]
    [InlineData("""{"days": "mon", "start": "08:00", "end": "18:00"}""", "sendingWindow.days", "must be a list of days such as [\"mon\", \"tue\"].")]
    [InlineData("""{"days": [], "start": "08:00", "end": "18:00"}""", "sendingWindow.days", "must name at least one day.")]
    [InlineData("""{"days": ["mon", "funday"], "start": "08:00", "end": "18:00"}""", "sendingWindow.days", "\"funday\" is not a day; use mon, tue, wed, thu, fri, sat or sun.")]
    [InlineData("""{"days": [1], "start": "08:00", "end": "18:00"}""", "sendingWindow.days", "1 is not a day; use mon, tue, wed, thu, fri, sat or sun.")]
    [InlineData("""{"days": ["mon"], "end": "18:00"}""", "sendingWindow.start", "is required, as \"HH:MM\".")]
    [InlineData("""{"days": ["mon"], "start": "8am", "end": "18:00"}""", "sendingWindow.start", "\"8am\" is not a time; use \"HH:MM\" (24-hour).")]
    [InlineData("""{"days": ["mon"], "start": 8, "end": "18:00"}""", "sendingWindow.start", "8 is not a time; use \"HH:MM\" (24-hour).")]
    [InlineData("""{"days": ["mon"], "start": "24:00", "end": "24:00"}""", "sendingWindow.start", "\"24:00\" is out of range; use 00:00 to 23:59.")]
    [InlineData("""{"days": ["mon"], "start": "08:00"}""", "sendingWindow.end", "is required, as \"HH:MM\".")]
    [InlineData("""{"days": ["mon"], "start": "08:00", "end": "18:60"}""", "sendingWindow.end", "\"18:60\" is out of range; use 00:00 to 24:00.")]
    [InlineData("""{"days": ["mon"], "start": "08:00", "end": "24:01"}""", "sendingWindow.end", "\"24:01\" is out of range; use 00:00 to 24:00.")]
    [InlineData("""{"days": ["mon"], "start": "18:00", "end": "08:00"}""", "sendingWindow.end", "must be later than start (18:00); windows that cross midnight are not supported.")]
    [InlineData("""{"days": ["mon"], "start": "08:00", "end": "08:00"}""", "sendingWindow.end", "must be later than start (08:00); windows that cross midnight are not supported.")]
    public void Invalid_windows_are_rejected_naming_the_field(string json, string field, string detail)
    {
        var error = Assert.Throws<SendingWindowException>(() => SendingWindow.Parse(Json(json)));

        Assert.IsAssignableFrom<ArgumentException>(error);
        Assert.Equal(field, error.Field);
        Assert.Equal(detail, error.Detail);
        Assert.Equal($"{field}: {detail}", error.Message);
    }

    [Fact]
    public void Text_that_is_not_json_is_rejected_naming_the_window()
    {
        var error = Assert.Throws<SendingWindowException>(() => SendingWindow.Parse("{days:"));

        Assert.Equal("sendingWindow", error.Field);
        Assert.StartsWith("is not valid JSON (", error.Detail);
    }
}
