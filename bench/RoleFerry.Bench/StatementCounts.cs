namespace RoleFerry.Bench;

/// <summary>Statements recorded by pg_stat_statements: all of them, and the BEGIN / COMMIT / ROLLBACK among them.</summary>
public sealed record StatementCounts(long Calls, long TransactionControl)
{
    public static StatementCounts? Between(StatementCounts? before, StatementCounts? after) =>
        before is null || after is null ? null : new(after.Calls - before.Calls, after.TransactionControl - before.TransactionControl);
}
