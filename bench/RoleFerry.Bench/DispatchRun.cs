namespace RoleFerry.Bench;

/// <summary>
/// One measured dispatch: <see cref="Steps"/> steps sent in <see cref="Seconds"/> (silo start → last outreach row
/// 'sent'); <see cref="FirstClaimSeconds"/> from silo start to the first claim; <see cref="Statements"/> what
/// pg_stat_statements saw in the run's database meanwhile (null when unavailable); <see cref="Check"/> the
/// correctness check, already passed.
/// </summary>
public sealed record DispatchRun(int Steps, double Seconds, double FirstClaimSeconds, StatementCounts? Statements, string Check)
{
    public double StepsPerSecond => Steps / Seconds;
}
