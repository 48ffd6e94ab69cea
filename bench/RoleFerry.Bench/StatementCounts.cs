namespace RoleFerry.Bench;

/// <summary>
/// Statements recorded by pg_stat_statements: all of them; the BEGIN / COMMIT / ROLLBACK among them; the COMMIT /
/// ROLLBACK alone (each its own round trip); and Npgsql's pooled-connection reset <c>DISCARD ALL</c> (sent in the
/// same round trip as the next command on the connection).
/// </summary>
public sealed record StatementCounts(long Calls, long TransactionControl, long Commits, long Discards)
{
    /// <summary>Statements that are neither a transaction bracket nor a connection reset.</summary>
    public long Work => Calls - TransactionControl - Discards;

    public static StatementCounts? Between(StatementCounts? before, StatementCounts? after) =>
        before is null || after is null
            ? null
            : new(after.Calls - before.Calls, after.TransactionControl - before.TransactionControl,
                after.Commits - before.Commits, after.Discards - before.Discards);
}
