using RoleFerry.Bench.Grains;

namespace RoleFerry.Bench;

/// <summary>
/// Section (3)'s correctness check: every due reminder fired exactly once, with its own due time, and no pending
/// (far-future) reminder fired; afterwards the table holds exactly the pending rows.
/// </summary>
public sealed record ReminderFiringCheck(int Expected, int Fired, int ExactlyOnce, int Missing, int Duplicates, int Unexpected, int WrongDueTime, long RowsLeft, long DueRowsLeft, int Pending)
{
    public bool Ok => Missing == 0 && Duplicates == 0 && Unexpected == 0 && WrongDueTime == 0 && RowsLeft == Pending && DueRowsLeft == 0;

    /// <param name="expectedDue">Due time of every reminder that had to fire, by grain key.</param>
    public static ReminderFiringCheck Of(
        IReadOnlyDictionary<long, DateTime> expectedDue, IReadOnlyList<ReminderArrival> arrivals, long rowsLeft, long dueRowsLeft, int pending)
    {
        var fired = new Dictionary<long, int>();
        int unexpected = 0, wrongDue = 0;
        foreach (var arrival in arrivals)
        {
            if (!expectedDue.TryGetValue(arrival.Key, out var due) || arrival.Name != ReminderProbeGrain.ReminderName)
            {
                unexpected++;
                continue;
            }

            fired[arrival.Key] = fired.GetValueOrDefault(arrival.Key) + 1;
            if (arrival.DueAt.UtcTicks != due.Ticks)
            {
                wrongDue++;
            }
        }

        return new ReminderFiringCheck(
            expectedDue.Count,
            arrivals.Count,
            fired.Values.Count(c => c == 1),
            expectedDue.Count - fired.Count,
            fired.Values.Sum(c => c - 1),
            unexpected,
            wrongDue,
            rowsLeft,
            dueRowsLeft,
            pending);
    }

    public string Describe() =>
        $"{(Ok ? "exactly-once check OK" : "exactly-once check FAILED")}: {Fired:N0} ticks for {Expected:N0} due reminders "
        + $"({Missing} missing, {Duplicates} duplicate, {Unexpected} unexpected incl. pending ones fired early, {WrongDueTime} with a wrong due time); "
        + $"table afterwards: {RowsLeft:N0} rows (expected the {Pending:N0} pending), {DueRowsLeft} due rows left";
}
