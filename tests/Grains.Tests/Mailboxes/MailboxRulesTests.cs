using RoleFerry.Grains.Mailboxes;

namespace RoleFerry.Grains.Tests.Mailboxes;

public sealed class MailboxRulesTests
{
    private static readonly MailboxOptions Options = new();
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Midnight = new(2026, 11, 3, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0, 0, 100)]      // no sends: rate 0
    [InlineData(100, 3, 0, 85)]     // 0.03 × 500 = 15
    [InlineData(40, 1, 0, 87)]      // 0.025 × 500 = 12.5 → 13 (midpoint away from zero)
    [InlineData(20, 1, 0, 75)]      // 0.05 × 500 = 25
    [InlineData(20, 2, 0, 50)]      // exactly the pause threshold
    [InlineData(3, 1, 0, 0)]        // 0.333… × 500 = 166.67 → 167, clamped to 0
    [InlineData(0, 0, 2, 60)]       // 2 spam reports × 20
    [InlineData(100, 3, 1, 65)]     // both penalties
    [InlineData(0, 0, 6, 0)]        // 120 points of spam, clamped to 0
    public void Health_is_100_minus_bounce_and_spam_penalties(int sends, int bounces, int spam, int expected)
    {
        var health = MailboxRules.Health(new MailboxWindowCounts(sends, bounces, spam), warmupStartedAt: null, Now, Options);

        Assert.Equal(expected, health.Score);
    }

    [Fact]
    public void Health_adds_10_only_when_warmup_began_more_than_30_days_ago()
    {
        var counts = new MailboxWindowCounts(100, 3, 0);

        Assert.Equal(85, MailboxRules.Health(counts, Now - TimeSpan.FromDays(30), Now, Options).Score);
        Assert.Equal(95, MailboxRules.Health(counts, Now - TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1), Now, Options).Score);
        Assert.Equal(100, MailboxRules.Health(new MailboxWindowCounts(0, 0, 0), Now - TimeSpan.FromDays(60), Now, Options).Score);
    }

    [Fact]
    public void Bounce_rate_uses_seven_day_sends_not_sent_today()
    {
        // Just after midnight sent_today is 0: the seed's bounces / sent_today broke here. 7-day sends do not.
        var health = MailboxRules.Health(new MailboxWindowCounts(Sends: 200, Bounces: 4, SpamReports: 0), null, Midnight, Options);

        Assert.Equal(0.02m, health.BounceRate);
        Assert.Equal(90, health.Score);
        Assert.Equal(0m, MailboxRules.BounceRate(sends7d: 0, bounces7d: 2));
        Assert.Equal(1m, MailboxRules.BounceRate(sends7d: 2, bounces7d: 3));
    }

    [Theory]
    [InlineData(49, true)]
    [InlineData(50, false)]
    public void Health_below_50_pauses(int health, bool pauses) =>
        Assert.Equal(pauses, MailboxRules.ShouldPause(health, Options));

    [Fact]
    public void Warmup_is_promoted_at_30_days_with_health_70_or_more()
    {
        var started = Now - TimeSpan.FromDays(30);

        Assert.True(MailboxRules.ShouldPromote(MailboxStatuses.Warmup, started, 70, Now, Options));
        Assert.False(MailboxRules.ShouldPromote(MailboxStatuses.Warmup, started, 69, Now, Options));
        Assert.False(MailboxRules.ShouldPromote(MailboxStatuses.Warmup, started + TimeSpan.FromSeconds(1), 100, Now, Options));
        Assert.False(MailboxRules.ShouldPromote(MailboxStatuses.Paused, started, 100, Now, Options));
        Assert.False(MailboxRules.ShouldPromote(MailboxStatuses.Warmup, null, 100, Now, Options));
    }

    [Theory]
    [InlineData(0, 0, 50, 10)]          // first day: base cap
    [InlineData(0, 23 * 60 + 59, 50, 10)]
    [InlineData(1, 0, 50, 15)]          // one whole day: + 5
    [InlineData(2, 0, 50, 20)]
    [InlineData(1, 0, 12, 12)]          // never above the daily cap
    [InlineData(40, 0, 50, 50)]
    public void Warmup_cap_ramps_by_whole_days(int days, int minutes, int dailyCap, int expected)
    {
        var now = Now + TimeSpan.FromDays(days) + TimeSpan.FromMinutes(minutes);

        Assert.Equal(expected, MailboxRules.EffectiveCap(MailboxStatuses.Warmup, true, dailyCap, Now, now, Options));
    }

    [Fact]
    public void Without_warmup_the_cap_is_the_daily_cap()
    {
        Assert.Equal(50, MailboxRules.EffectiveCap(MailboxStatuses.Active, true, 50, Now, Now, Options));
        Assert.Equal(50, MailboxRules.EffectiveCap(MailboxStatuses.Warmup, false, 50, Now, Now, Options));
        Assert.Equal(50, MailboxRules.EffectiveCap(MailboxStatuses.Warmup, true, 50, null, Now, Options));
    }

    [Fact]
    public void Warmup_settings_come_from_options()
    {
        var options = new MailboxOptions { WarmupBaseCap = 3, WarmupDailyIncrement = 2 };

        Assert.Equal(7, MailboxRules.EffectiveCap(MailboxStatuses.Warmup, true, 50, Now, Now + TimeSpan.FromDays(2), options));
    }

    [Fact]
    public void An_active_healthy_mailbox_under_its_cap_is_eligible_now()
    {
        var verdict = MailboxRules.Evaluate(Facts(sentToday: 49), Now, Options);

        Assert.Equal(new MailboxEligibility(true, 50, null, Now), verdict);
    }

    [Fact]
    public void A_paused_mailbox_is_not_eligible_and_has_no_retry_time()
    {
        var verdict = MailboxRules.Evaluate(Facts() with { Status = MailboxStatuses.Paused, PausedReason = "health below 50" }, Now, Options);

        Assert.Equal(new MailboxEligibility(false, 50, "paused: health below 50", null), verdict);
    }

    [Fact]
    public void An_unhealthy_mailbox_is_not_eligible_and_has_no_retry_time()
    {
        Assert.Equal(new MailboxEligibility(false, 50, "health 69 below 70", null), MailboxRules.Evaluate(Facts(health: 69), Now, Options));
        Assert.True(MailboxRules.Evaluate(Facts(health: 70), Now, Options).Eligible);
    }

    [Fact]
    public void A_reached_cap_retries_at_the_next_utc_midnight()
    {
        var verdict = MailboxRules.Evaluate(Facts(sentToday: 50), Now, Options);

        Assert.Equal(new MailboxEligibility(false, 50, "daily cap of 50 reached", Midnight), verdict);
        Assert.Equal(Midnight, MailboxRules.NextUtcMidnight(Midnight - TimeSpan.FromTicks(1)));
        Assert.Equal(Midnight.AddDays(1), MailboxRules.NextUtcMidnight(Midnight));
    }

    [Fact]
    public void The_minimum_gap_retries_when_it_ends()
    {
        var facts = Facts(lastSentAt: Now - TimeSpan.FromSeconds(30), minGap: TimeSpan.FromSeconds(120));

        Assert.Equal(
            new MailboxEligibility(false, 50, "minimum gap since the last send not elapsed", Now + TimeSpan.FromSeconds(90)),
            MailboxRules.Evaluate(facts, Now, Options));
        Assert.True(MailboxRules.Evaluate(facts, Now + TimeSpan.FromSeconds(90), Options).Eligible);
    }

    [Fact]
    public void A_gap_ending_after_midnight_wins_over_the_cap()
    {
        var lateEvening = new DateTimeOffset(2026, 11, 2, 23, 59, 0, TimeSpan.Zero);
        var facts = Facts(sentToday: 50, lastSentAt: lateEvening, minGap: TimeSpan.FromMinutes(5));

        Assert.Equal(lateEvening + TimeSpan.FromMinutes(5), MailboxRules.Evaluate(facts, lateEvening, Options).NextEligibleAt);
    }

    [Fact]
    public void A_warmup_cap_lifts_at_the_next_warmup_step_when_that_comes_before_midnight()
    {
        var started = new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero);   // Sunday 06:00: day 1 starts Monday 06:00
        var sundayEvening = new DateTimeOffset(2026, 11, 1, 20, 0, 0, TimeSpan.Zero);
        var mondayDawn = new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);
        var facts = Facts(sentToday: 10) with { Status = MailboxStatuses.Warmup, WarmupEnabled = true, WarmupStartedAt = started };

        // Sunday 20:00: cap 10 reached, midnight (Monday 00:00) comes before the next step (Monday 06:00).
        Assert.Equal(new MailboxEligibility(false, 10, "daily cap of 10 reached", Nov2(0)), MailboxRules.Evaluate(facts, sundayEvening, Options));
        // Monday 01:00 with 10 sent since midnight: cap is still 10 until 06:00, when it becomes 15.
        Assert.Equal(new MailboxEligibility(false, 10, "daily cap of 10 reached", Nov2(6)), MailboxRules.Evaluate(facts, mondayDawn, Options));
        Assert.True(MailboxRules.Evaluate(facts, Nov2(6), Options).Eligible);
    }

    private static DateTimeOffset Nov2(int hour) => new(2026, 11, 2, hour, 0, 0, TimeSpan.Zero);

    private static MailboxFacts Facts(int sentToday = 0, int health = 100, DateTimeOffset? lastSentAt = null, TimeSpan? minGap = null) =>
        new(MailboxStatuses.Active, null, health, 50, false, null, sentToday, lastSentAt, minGap ?? TimeSpan.Zero);
}
