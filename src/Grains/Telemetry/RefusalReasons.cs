namespace RoleFerry.Grains.Telemetry;

/// <summary>
/// The values of the <c>reason</c> tag of <c>roleferry.mailbox.reservation_refusals</c>: a refusal's free-text reason
/// (<see cref="Interfaces.Mailboxes.ReservationResult.Reason"/>, written by <see cref="Mailboxes.MailboxRules"/> and
/// <see cref="Mailboxes.MailboxGrain"/>) reduced to a few fixed values, so the metric's series stay few.
/// </summary>
public static class RefusalReasons
{
    public const string Paused = "paused";
    public const string Unhealthy = "unhealthy";
    public const string DailyCap = "daily_cap";
    public const string MinimumGap = "minimum_gap";

    /// <summary>The step already holds a reservation on another mailbox.</summary>
    public const string HeldElsewhere = "held_elsewhere";

    /// <summary>Another reservation of the same step won a race; the caller tries again.</summary>
    public const string Conflict = "conflict";

    public const string Other = "other";

    public static string Classify(string? reason) => reason switch
    {
        null => Other,
        _ when reason.StartsWith("paused", StringComparison.Ordinal) => Paused,
        _ when reason.StartsWith("health ", StringComparison.Ordinal) => Unhealthy,
        _ when reason.StartsWith("daily cap", StringComparison.Ordinal) => DailyCap,
        _ when reason.StartsWith("minimum gap", StringComparison.Ordinal) => MinimumGap,
        _ when reason.Contains("is already reserved on mailbox", StringComparison.Ordinal) => HeldElsewhere,
        _ when reason.StartsWith("the step's reservation changed", StringComparison.Ordinal) => Conflict,
        _ => Other,
    };
}
