namespace RoleFerry.Bench;

/// <summary>
/// What bench/peers/throughput.js reports: <see cref="Jobs"/> jobs (one UPDATE each) run by graphile-worker in
/// <see cref="Seconds"/>; <see cref="Statements"/> is pg_stat_statements' calls in its database during the run
/// (null when the view is not available), <see cref="TransactionControlStatements"/> the BEGIN/COMMIT among them.
/// </summary>
public sealed record GraphileThroughput(
    int Jobs,
    int Concurrency,
    double Seconds,
    double JobsPerSecond,
    int UpdatedOnce,
    int UpdatedTwiceOrMore,
    long? Statements,
    long? TransactionControlStatements);
