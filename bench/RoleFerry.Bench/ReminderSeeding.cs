namespace RoleFerry.Bench;

/// <summary>
/// What section (3) wrote before the silo started: the first due time of the stream, the due time of every reminder
/// that must fire (by grain key), the API part's schedule (sorted by registration time), and the scan's plan.
/// </summary>
public sealed record ReminderSeeding(
    DateTimeOffset First,
    IReadOnlyDictionary<long, DateTime> ExpectedDue,
    IReadOnlyList<(long Key, DateTime Due, DateTime RegisterAt)> ApiDue,
    IReadOnlyList<string> ScanPlan,
    double ScanMs,
    TimeSpan Elapsed);
