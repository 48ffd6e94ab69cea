namespace RoleFerry.Grains.Mailboxes;

/// <summary>Mailbox rules that are settings, not constants (section <c>RoleFerry:Mailboxes</c>). DESIGN §5.</summary>
public sealed class MailboxOptions
{
    public const string SectionName = "RoleFerry:Mailboxes";

    /// <summary>Daily cap on the first day of warm-up.</summary>
    public int WarmupBaseCap { get; set; } = 10;

    /// <summary>Added to the warm-up cap for every whole day since warm-up started.</summary>
    public int WarmupDailyIncrement { get; set; } = 5;

    /// <summary>A health check below this pauses the mailbox.</summary>
    public int PauseBelowHealth { get; set; } = 50;

    /// <summary>A mailbox sends only with at least this health.</summary>
    public int EligibleMinHealth { get; set; } = 70;

    /// <summary>Warm-up ends (status active) with at least this health once warm-up is <see cref="WarmupDays"/> old.</summary>
    public int PromoteMinHealth { get; set; } = 70;

    /// <summary>Length of warm-up; a mailbox whose warm-up began longer ago also gets the +10 health bonus.</summary>
    public int WarmupDays { get; set; } = 30;

    /// <summary>How often every mailbox recomputes its health from the last 7 days (a durable reminder).</summary>
    public TimeSpan HealthRecalculationInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Largest random extra gap, in seconds, added to the minimum gap after each send (0: exact gaps).</summary>
    public int GapJitterSeconds { get; set; }

    /// <summary>Seeds the jitter's random source, for reproducible gaps; null draws a random seed.</summary>
    public int? GapJitterSeed { get; set; }

    /// <summary>Throws when the settings cannot work together.</summary>
    public bool Validate()
    {
        Require(WarmupBaseCap >= 1, nameof(WarmupBaseCap), "must be at least 1");
        Require(WarmupDailyIncrement >= 0, nameof(WarmupDailyIncrement), "must not be negative");
        Require(PauseBelowHealth is >= 0 and <= 100, nameof(PauseBelowHealth), "must be between 0 and 100");
        Require(EligibleMinHealth is >= 0 and <= 100, nameof(EligibleMinHealth), "must be between 0 and 100");
        Require(PromoteMinHealth is >= 0 and <= 100, nameof(PromoteMinHealth), "must be between 0 and 100");
        Require(WarmupDays >= 0, nameof(WarmupDays), "must not be negative");
        Require(HealthRecalculationInterval >= TimeSpan.FromMinutes(1), nameof(HealthRecalculationInterval), "must be at least one minute");
        Require(GapJitterSeconds >= 0, nameof(GapJitterSeconds), "must not be negative");
        return true;
    }

    private static void Require(bool condition, string name, string rule)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{SectionName}:{name} {rule}.");
        }
    }
}
