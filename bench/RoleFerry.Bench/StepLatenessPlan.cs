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
    /// <summary>
    /// Extra steps due 4–6 s before the stream (table rows like the stream's), so that the silo's send path is warm
    /// (JIT, connection pools, mailbox and user grains) when the measured stream begins; left out of the figures.
    /// </summary>
    public const int Warmup = 50;

    /// <summary>Orleans 10.4.2's ReminderOptions defaults.</summary>
    public static readonly TimeSpan DefaultLoadingWindow = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan DefaultRefreshPeriod = TimeSpan.FromMinutes(5);

    public TimeSpan EffectiveLoadingWindow => LoadingWindow ?? DefaultLoadingWindow;

    public TimeSpan EffectiveRefreshPeriod => RefreshPeriod ?? DefaultRefreshPeriod;

    /// <summary>
    /// From writing the stream's wake-up rows to the first due time: the silo's start and its reminder service's
    /// initial read fit in it (2–4 s on a quiet machine with 100,000 rows; 8 s was too short under a load average of
    /// 15), plus 2 s per 100,000 pending rows (the initial read materializes every row of the table).
    /// </summary>
    public TimeSpan Lead => TimeSpan.FromSeconds(15 + (2 * Pending / 100_000.0));

    /// <summary>
    /// How long after the last due time the run waits for the last steps before it fails: one wake-up period (a tick
    /// that failed or was missed comes again a period later, as the product intends) plus a margin.
    /// </summary>
    public TimeSpan Grace => TimeSpan.FromMinutes(1) + (Measured < TimeSpan.FromMinutes(1) ? TimeSpan.FromSeconds(20) : TimeSpan.FromSeconds(90));

    public int DueCount => (int)Math.Round(DuePerMinute * Measured.TotalMinutes);

    public int LiveCount => (int)Math.Round(DueCount * LiveShare);

    public int TableCount => DueCount - LiveCount;
}
