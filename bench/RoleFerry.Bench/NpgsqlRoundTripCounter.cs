using System.Diagnostics;

namespace RoleFerry.Bench;

/// <summary>
/// Counts Npgsql's command executions in this process while it is alive, from Npgsql's own tracing (the "Npgsql"
/// ActivitySource: one activity per command or batch executed, i.e. one round trip to PostgreSQL, and one per
/// physical connection opened, counted apart). The harness's
/// bookkeeping queries (<see cref="StatementCounter.Mark"/>) are left out. COMMIT / ROLLBACK are not commands and
/// are not traced; add them from pg_stat_statements.
/// </summary>
public sealed class NpgsqlRoundTripCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private long _commands;
    private long _connects;

    public NpgsqlRoundTripCounter()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = Count,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Commands and batches executed (one round trip each).</summary>
    public long Commands => Interlocked.Read(ref _commands);

    /// <summary>Physical connections opened (the pool filling up; several round trips each, not in <see cref="Commands"/>).</summary>
    public long Connects => Interlocked.Read(ref _connects);

    public void Dispose() => _listener.Dispose();

    private void Count(Activity activity)
    {
        var text = activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? "";
        if (text.Contains("bench-observer", StringComparison.Ordinal))
        {
            return;
        }

        if (activity.OperationName.StartsWith("CONNECT", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _connects);
        }
        else
        {
            Interlocked.Increment(ref _commands);
        }
    }
}
