namespace RoleFerry.Bench;

/// <summary>
/// Sizes of section (3): <see cref="Pending"/> wake-up reminders of sequences waiting for a later step (first tick 1–30
/// days ahead, beyond any loading window), and a stream of <see cref="DuePerMinute"/> sequence steps due, spread
/// over <see cref="Measured"/>; <see cref="LiveShare"/> of them are started through the grain API
/// (<c>ISequenceGrain.StartAsync</c>, which registers the wake-up) 2–5 s before their due time, the rest have their
/// wake-up row in Orleans' table before the silo starts. <see cref="LoadingWindow"/> and <see cref="RefreshPeriod"/>
/// are Orleans' <c>ReminderOptions.ReminderLoadingWindow</c> / <c>RefreshReminderListPeriod</c> for the run (null:
/// Orleans' defaults, 10 min / 5 min, which the product uses).
/// </summary>
public sealed record StepLatenessPlan(
    int Pending,
    int DuePerMinute,
    TimeSpan Measured,
    double LiveShare,
    TimeSpan? LoadingWindow,
    TimeSpan? RefreshPeriod)
{
    /// <summary>Orleans 10.4.2's ReminderOptions defaults.</summary>
    public static readonly TimeSpan DefaultLoadingWindow = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan DefaultRefreshPeriod = TimeSpan.FromMinutes(5);

    public TimeSpan EffectiveLoadingWindow => LoadingWindow ?? DefaultLoadingWindow;

    public TimeSpan EffectiveRefreshPeriod => RefreshPeriod ?? DefaultRefreshPeriod;

    /// <summary>
    /// From writing the stream's wake-up rows to the first due time: the silo's start and its reminder service's
    /// initial read fit in it (2–4 s on a quiet machine; 8 s was too short under a load average of 15).
    /// </summary>
    public TimeSpan Lead => TimeSpan.FromSeconds(15);

    /// <summary>How long after the last due time the run waits for the last steps before it fails.</summary>
    public TimeSpan Grace => Measured < TimeSpan.FromMinutes(1) ? TimeSpan.FromSeconds(20) : TimeSpan.FromSeconds(90);

    public int DueCount => (int)Math.Round(DuePerMinute * Measured.TotalMinutes);

    public int LiveCount => (int)Math.Round(DueCount * LiveShare);

    public int TableCount => DueCount - LiveCount;
}
