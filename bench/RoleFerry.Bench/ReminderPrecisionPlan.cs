namespace RoleFerry.Bench;

/// <summary>
/// Sizes of section (3): <see cref="Pending"/> one-shot reminders due far in the future (days ahead, beyond the
/// window), and a stream of <see cref="DuePerMinute"/> due reminders spread over <see cref="Measured"/>, of which
/// <see cref="ViaApiShare"/> are registered through the grain API 2–5 s before their due time and the rest are in the
/// table before the silo starts (its scans and in-memory window must find them). <see cref="Window"/> and
/// <see cref="ScanInterval"/> are the runtime's ReminderWindow and ReminderScanInterval for the run.
/// </summary>
public sealed record ReminderPrecisionPlan(
    int Pending,
    int DuePerMinute,
    TimeSpan Measured,
    double ViaApiShare,
    TimeSpan Window,
    TimeSpan ScanInterval)
{
    /// <summary>From writing the table's due rows to the first due time: migrations-free silo start fits in it.</summary>
    public TimeSpan Lead => TimeSpan.FromSeconds(6);

    /// <summary>How long after the last due time the run waits for missing ticks before it fails.</summary>
    public TimeSpan Grace => Measured < TimeSpan.FromMinutes(1) ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(60);

    public int DueCount => (int)Math.Round(DuePerMinute * Measured.TotalMinutes);

    public int ViaApiCount => (int)Math.Round(DueCount * ViaApiShare);

    public int SeededCount => DueCount - ViaApiCount;
}
