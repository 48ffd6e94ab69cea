using RoleFerry.Grains.Templates;

namespace RoleFerry.Grains.Tests.Templates;

public sealed class SendingWindowTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);
    private static readonly TimeSpan Cest = TimeSpan.FromHours(2);

    [Fact]
    public void Default_is_monday_to_friday_eight_to_six()
    {
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], SendingWindow.Default.Days.Order());
        Assert.Equal(new TimeOnly(8, 0), SendingWindow.Default.Start);
        Assert.Equal(new TimeOnly(18, 0), SendingWindow.Default.End);
        Assert.False(SendingWindow.Default.IsAnyTime);
        Assert.Equal("mon,tue,wed,thu,fri 08:00-18:00", SendingWindow.Default.ToString());
    }

    [Fact]
    public void Friday_evening_in_Berlin_waits_for_Monday_morning_in_Berlin()
    {
        var fridayEvening = new DateTimeOffset(2026, 11, 6, 18, 30, 0, Cet);

        var opening = SendingWindow.Default.NextOpening(fridayEvening, Berlin);

        Assert.Equal(new DateTimeOffset(2026, 11, 9, 8, 0, 0, Cet), opening);
        Assert.Equal(Cet, opening.Offset);
    }

    [Fact]
    public void An_instant_inside_the_window_is_returned_as_is()
    {
        var tuesdayNoonUtc = new DateTimeOffset(2026, 11, 3, 11, 0, 0, TimeSpan.Zero);

        var opening = SendingWindow.Default.NextOpening(tuesdayNoonUtc, Berlin);

        Assert.Equal(tuesdayNoonUtc, opening);
        Assert.Equal(TimeSpan.Zero, opening.Offset);
    }

    [Fact]
    public void The_start_is_inside_and_the_end_is_outside()
    {
        var eight = new DateTimeOffset(2026, 11, 3, 8, 0, 0, Cet);
        var six = new DateTimeOffset(2026, 11, 3, 18, 0, 0, Cet);

        Assert.Equal(eight, SendingWindow.Default.NextOpening(eight, Berlin));
        Assert.Equal(new DateTimeOffset(2026, 11, 4, 8, 0, 0, Cet), SendingWindow.Default.NextOpening(six, Berlin));
    }

    [Fact]
    public void Early_on_a_weekday_waits_for_the_same_morning()
    {
        var early = new DateTimeOffset(2026, 11, 3, 5, 59, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 11, 3, 8, 0, 0, Cet), SendingWindow.Default.NextOpening(early, Berlin));
    }

    [Fact]
    public void The_window_is_read_in_the_given_zone_not_in_utc()
    {
        // Friday 23:30 UTC is still Friday 18:30 in New York: outside, so Monday 08:00 New York time.
        var friday = new DateTimeOffset(2026, 11, 6, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 11, 9, 8, 0, 0, TimeSpan.FromHours(-5)), SendingWindow.Default.NextOpening(friday, NewYork));
        Assert.Equal(new DateTimeOffset(2026, 11, 9, 8, 0, 0, TimeSpan.Zero), SendingWindow.Default.NextOpening(friday, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Every_day_from_midnight_to_midnight_is_any_time()
    {
        var always = new SendingWindow(Enum.GetValues<DayOfWeek>(), TimeOnly.MinValue, SendingWindow.EndOfDay);

        Assert.True(always.IsAnyTime);
        foreach (var at in new[]
                 {
                     new DateTimeOffset(2026, 11, 7, 23, 59, 59, TimeSpan.Zero),
                     new DateTimeOffset(2026, 11, 8, 0, 0, 0, TimeSpan.Zero),
                     new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero),
                 })
        {
            Assert.Equal(at, always.NextOpening(at, Berlin));
        }
    }

    [Fact]
    public void An_end_of_24_00_runs_to_midnight()
    {
        var evenings = new SendingWindow(Enum.GetValues<DayOfWeek>(), new TimeOnly(20, 0), SendingWindow.EndOfDay);
        var lastTick = new DateTimeOffset(2026, 11, 3, 23, 59, 59, Cet).AddTicks(9_999_999);

        Assert.False(evenings.IsAnyTime);
        Assert.Equal(lastTick, evenings.NextOpening(lastTick, Berlin));
        Assert.Equal(new DateTimeOffset(2026, 11, 4, 20, 0, 0, Cet), evenings.NextOpening(lastTick.AddTicks(1), Berlin));
    }

    [Fact]
    public void A_weekend_where_summer_time_begins_opens_at_eight_summer_time()
    {
        // Berlin moves to CEST on Sunday 2026-03-29: Monday 08:00 is 06:00 UTC, not 07:00.
        var fridayEvening = new DateTimeOffset(2026, 3, 27, 19, 0, 0, Cet);

        var opening = SendingWindow.Default.NextOpening(fridayEvening, Berlin);

        Assert.Equal(new DateTimeOffset(2026, 3, 30, 6, 0, 0, TimeSpan.Zero), opening);
        Assert.Equal(Cest, opening.Offset);
    }

    [Fact]
    public void A_weekend_where_summer_time_ends_opens_at_eight_winter_time()
    {
        // Berlin goes back to CET on Sunday 2026-10-25: Monday 08:00 is 07:00 UTC.
        var fridayEvening = new DateTimeOffset(2026, 10, 23, 19, 0, 0, Cest);

        var opening = SendingWindow.Default.NextOpening(fridayEvening, Berlin);

        Assert.Equal(new DateTimeOffset(2026, 10, 26, 7, 0, 0, TimeSpan.Zero), opening);
        Assert.Equal(Cet, opening.Offset);
    }

    [Fact]
    public void A_start_skipped_by_the_spring_gap_opens_when_the_clocks_jump()
    {
        var sundayNight = new SendingWindow([DayOfWeek.Sunday], new TimeOnly(2, 30), new TimeOnly(4, 0));
        var before = new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero);   // 01:30 CET

        var opening = sundayNight.NextOpening(before, Berlin);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 0, 0, Cest), opening);
    }

    [Fact]
    public void A_start_that_occurs_twice_in_autumn_opens_at_its_first_occurrence()
    {
        var sundayNight = new SendingWindow([DayOfWeek.Sunday], new TimeOnly(2, 30), new TimeOnly(4, 0));
        var saturday = new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero);

        var opening = sundayNight.NextOpening(saturday, Berlin);

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 30, 0, Cest), opening);
    }

    [Fact]
    public void A_single_day_window_already_closed_today_opens_a_week_later()
    {
        var mondays = new SendingWindow([DayOfWeek.Monday], new TimeOnly(9, 0), new TimeOnly(10, 0));
        var mondayAfternoon = new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 11, 9, 9, 0, 0, TimeSpan.Zero), mondays.NextOpening(mondayAfternoon, TimeZoneInfo.Utc));
    }

    [Fact]
    public void A_window_needs_a_day_and_a_start_before_its_end()
    {
        Assert.Throws<ArgumentException>(() => new SendingWindow([], new TimeOnly(8, 0), new TimeOnly(9, 0)));
        Assert.Throws<ArgumentException>(() => new SendingWindow([DayOfWeek.Monday], new TimeOnly(9, 0), new TimeOnly(9, 0)));
        Assert.Throws<ArgumentException>(() => new SendingWindow([DayOfWeek.Monday], new TimeOnly(22, 0), new TimeOnly(6, 0)));
    }

    [Fact]
    public void Windows_with_the_same_days_and_hours_are_equal()
    {
        var same = new SendingWindow([DayOfWeek.Friday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Monday], new TimeOnly(8, 0), new TimeOnly(18, 0));

        Assert.Equal(SendingWindow.Default, same);
        Assert.Equal(SendingWindow.Default.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(SendingWindow.Default, new SendingWindow([DayOfWeek.Monday], new TimeOnly(8, 0), new TimeOnly(18, 0)));
    }

    [Theory]
    [InlineData("Europe/Berlin", "America/New_York", "Europe/Berlin")]
    [InlineData(null, "America/New_York", "America/New_York")]
    [InlineData("  ", "Asia/Tokyo", "Asia/Tokyo")]
    [InlineData("Mars/Olympus_Mons", "Asia/Tokyo", "Asia/Tokyo")]
    [InlineData("Mars/Olympus_Mons", "not a zone", "UTC")]
    [InlineData(null, null, "UTC")]
    public void ResolveZone_takes_the_contacts_zone_else_the_users_else_utc(string? contact, string? user, string expected)
    {
        var zone = SendingWindow.ResolveZone(contact, user);

        Assert.Equal(expected, zone.Id);
    }
}
