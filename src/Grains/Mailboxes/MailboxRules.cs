namespace RoleFerry.Grains.Mailboxes;

/// <summary>
/// DESIGN §5, as pure functions of their inputs (no clock, no I/O): health, warm-up cap, eligibility and when a
/// mailbox may send next. Days are UTC days.
/// </summary>
public static class MailboxRules
{
    /// <summary>How much one unit of 7-day bounce rate costs in health points.</summary>
    public const int BounceRatePenalty = 500;

    /// <summary>Health points one spam report within 7 days costs.</summary>
    public const int SpamReportPenalty = 20;

    /// <summary>Health points a mailbox whose warm-up began more than <see cref="MailboxOptions.WarmupDays"/> ago gets.</summary>
    public const int SeasonedBonus = 10;

    /// <summary>The window bounce rate and spam reports are counted over.</summary>
    public static readonly TimeSpan HealthWindow = TimeSpan.FromDays(7);

    /// <summary>
    /// bounces / sends over the last 7 days, 0 without sends, at most 1 (a bounce of a send older than the window
    /// may still arrive). The seed divided by sent_today, which is 0 right after midnight; this does not.
    /// </summary>
    public static decimal BounceRate(int sends7d, int bounces7d) =>
        sends7d <= 0 ? 0m : Math.Min(1m, (decimal)Math.Max(0, bounces7d) / sends7d);

    /// <summary>
    /// 100 − round(bounce_rate_7d × 500) − 20 × spam_reports_7d (+10 when warm-up began more than WarmupDays ago),
    /// clamped to 0..100. Midpoints round away from zero (12.5 → 13), as PostgreSQL's round(numeric) does.
    /// </summary>
    public static MailboxHealth Health(MailboxWindowCounts counts, DateTimeOffset? warmupStartedAt, DateTimeOffset now, MailboxOptions options)
    {
        var rate = BounceRate(counts.Sends, counts.Bounces);
        var score = 100
            - (int)Math.Round(rate * BounceRatePenalty, MidpointRounding.AwayFromZero)
            - (SpamReportPenalty * Math.Max(0, counts.SpamReports));
        if (warmupStartedAt is { } started && now - started > TimeSpan.FromDays(options.WarmupDays))
        {
            score += SeasonedBonus;
        }

        return new MailboxHealth(Math.Clamp(score, 0, 100), rate, counts);
    }

    /// <summary>Health below <see cref="MailboxOptions.PauseBelowHealth"/> pauses a mailbox.</summary>
    public static bool ShouldPause(int healthScore, MailboxOptions options) => healthScore < options.PauseBelowHealth;

    /// <summary>Warm-up → active when health ≥ PromoteMinHealth and warm-up is WarmupDays (or more) old.</summary>
    public static bool ShouldPromote(string status, DateTimeOffset? warmupStartedAt, int healthScore, DateTimeOffset now, MailboxOptions options) =>
        status == MailboxStatuses.Warmup
        && warmupStartedAt is { } started
        && now - started >= TimeSpan.FromDays(options.WarmupDays)
        && healthScore >= options.PromoteMinHealth;

    /// <summary>Whole days elapsed since <paramref name="start"/> (0 before it).</summary>
    public static int WholeDaysSince(DateTimeOffset start, DateTimeOffset now) =>
        now <= start ? 0 : (int)Math.Min(int.MaxValue, (now - start).Ticks / TimeSpan.TicksPerDay);

    /// <summary>The warm-up ramp applies to a mailbox in status warmup with warm-up enabled and started.</summary>
    public static bool WarmupApplies(string status, bool warmupEnabled, DateTimeOffset? warmupStartedAt) =>
        status == MailboxStatuses.Warmup && warmupEnabled && warmupStartedAt is not null;

    /// <summary>During warm-up min(daily_cap, base + increment × whole days since warm-up start), else daily_cap.</summary>
    public static int EffectiveCap(string status, bool warmupEnabled, int dailyCap, DateTimeOffset? warmupStartedAt, DateTimeOffset now, MailboxOptions options) =>
        WarmupApplies(status, warmupEnabled, warmupStartedAt)
            ? WarmupCap(dailyCap, WholeDaysSince(warmupStartedAt!.Value, now), options)
            : dailyCap;

    /// <summary>The UTC day <paramref name="now"/> falls on (the day sent_today counts).</summary>
    public static DateOnly UtcDay(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    /// <summary>The next 00:00 UTC strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextUtcMidnight(DateTimeOffset now) =>
        new(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);

    /// <summary>
    /// Eligible: not paused, health ≥ EligibleMinHealth, sent today &lt; effective cap, minimum gap elapsed since
    /// the last send. When not, the earliest time it may be: the end of the gap, the next 00:00 UTC (or the next
    /// warm-up step, if sooner and enough) when the cap is reached, whichever is later; null when paused or unhealthy.
    /// </summary>
    public static MailboxEligibility Evaluate(MailboxFacts facts, DateTimeOffset now, MailboxOptions options)
    {
        var cap = EffectiveCap(facts.Status, facts.WarmupEnabled, facts.DailyCap, facts.WarmupStartedAt, now, options);
        if (facts.Status == MailboxStatuses.Paused)
        {
            return new MailboxEligibility(false, cap, facts.PausedReason is { Length: > 0 } why ? $"paused: {why}" : "paused", null);
        }

        if (facts.HealthScore < options.EligibleMinHealth)
        {
            return new MailboxEligibility(false, cap, $"health {facts.HealthScore} below {options.EligibleMinHealth}", null);
        }

        var gapEnd = facts.LastSentAt is { } last ? last + facts.MinGap : (DateTimeOffset?)null;
        var gapOpen = gapEnd is { } end && end > now;
        if (facts.SentToday >= cap)
        {
            var capLifts = CapLiftsAt(facts, cap, now, options);
            var retryAt = gapOpen && gapEnd!.Value > capLifts ? gapEnd.Value : capLifts;
            return new MailboxEligibility(false, cap, $"daily cap of {cap} reached", retryAt);
        }

        return gapOpen
            ? new MailboxEligibility(false, cap, "minimum gap since the last send not elapsed", gapEnd)
            : new MailboxEligibility(true, cap, null, now);
    }

    private static int WarmupCap(int dailyCap, int days, MailboxOptions options) =>
        (int)Math.Min(dailyCap, options.WarmupBaseCap + ((long)options.WarmupDailyIncrement * days));

    /// <summary>When a reached cap stops binding: next midnight, or the next warm-up step when that comes first and raises the cap above today's sends.</summary>
    private static DateTimeOffset CapLiftsAt(MailboxFacts facts, int cap, DateTimeOffset now, MailboxOptions options)
    {
        var midnight = NextUtcMidnight(now);
        if (!WarmupApplies(facts.Status, facts.WarmupEnabled, facts.WarmupStartedAt) || cap >= facts.DailyCap)
        {
            return midnight;
        }

        var started = facts.WarmupStartedAt!.Value;
        var days = WholeDaysSince(started, now);
        var nextStep = started + TimeSpan.FromDays(days + 1);
        return nextStep < midnight && WarmupCap(facts.DailyCap, days + 1, options) > facts.SentToday ? nextStep : midnight;
    }
}
