namespace RoleFerry.Bench;

/// <summary>
/// One measured dispatch: <see cref="Steps"/> steps sent in <see cref="Seconds"/> (the instant all were due, i.e.
/// their reminders ticked → last outreach row 'sent'); <see cref="FirstClaimSeconds"/> from that instant to the first claim; <see cref="Statements"/> what
/// pg_stat_statements saw in the run's database meanwhile (null when unavailable); <see cref="Commands"/> and
/// <see cref="Connects"/> the Npgsql command executions and physical connection opens meanwhile; <see cref="Check"/> the
/// correctness check, already passed; <see cref="TopStatements"/> the statements called most and PostgreSQL's time on them.
/// </summary>
public sealed record DispatchRun(
    int Steps,
    double Seconds,
    double FirstClaimSeconds,
    StatementCounts? Statements,
    long Commands,
    long Connects,
    string Check,
    IReadOnlyList<(long Calls, double Milliseconds, string Query)> TopStatements)
{
    /// <summary>Seeding, silo start, reminder load and the dispatch's times, for a note.</summary>
    public string Timeline { get; init; } = "";

    /// <summary>What the reminder service and the silo log saw, for a note.</summary>
    public string Ticks { get; init; } = "";

    /// <summary>The SMTP case's sends and where the CPU went, for a note (empty for the null transport).</summary>
    public string Transport { get; init; } = "";

    /// <summary>The correctness check failed (<see cref="Check"/> says how); the figures are over the steps sent.</summary>
    public bool Failed { get; init; }

    public double StepsPerSecond => Steps / Seconds;

    /// <summary>Steps per second once sending began (activation of the first grains left out).</summary>
    public double StepsPerSecondAfterFirstClaim => Steps / (Seconds - FirstClaimSeconds);

    /// <summary>Round trips per sent step: Npgsql commands + COMMIT / ROLLBACK (null without pg_stat_statements).</summary>
    public double? RoundTripsPerStep => Statements is { } s ? (double)(Commands + s.Commits) / Steps : null;
}
