using Npgsql;
using RoleFerry.Data;

namespace RoleFerry.Grains.Tests.Batching;

public sealed class StatementCoalescerTests
{
    private readonly List<IReadOnlyList<int>> _statements = [];

    private readonly TaskCompletionSource _firstEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly TaskCompletionSource _firstHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task Requests_that_arrive_while_a_statement_runs_go_together_in_the_next_one()
    {
        using var coalescer = new StatementCoalescer<int, string>(RunAsync, maxBatch: 10);

        var first = coalescer.RunAsync(1);
        await _firstEntered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var later = new[] { coalescer.RunAsync(2), coalescer.RunAsync(3), coalescer.RunAsync(4) };
        _firstHeld.SetResult();

        Assert.Equal("r1", await first);
        Assert.Equal(["r2", "r3", "r4"], await Task.WhenAll(later));
        Assert.Equal([[1], [2, 3, 4]], _statements);
    }

    [Fact]
    public async Task A_statement_carries_at_most_max_batch_requests()
    {
        using var coalescer = new StatementCoalescer<int, string>(RunAsync, maxBatch: 2);

        var first = coalescer.RunAsync(1);
        await _firstEntered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var later = new[] { coalescer.RunAsync(2), coalescer.RunAsync(3), coalescer.RunAsync(4) };
        _firstHeld.SetResult();

        Assert.Equal(["r1", "r2", "r3", "r4"], await Task.WhenAll([first, .. later]));
        Assert.Equal([[1], [2, 3], [4]], _statements);
    }

    [Fact]
    public async Task A_failed_statement_fails_its_requests_and_the_next_ones_still_run()
    {
        using var coalescer = new StatementCoalescer<int, string>(
            async batch => batch.Contains(13) ? throw new InvalidOperationException("deadlock detected") : await RunAsync(batch),
            maxBatch: 10);
        _firstHeld.SetResult();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => coalescer.RunAsync(13));

        Assert.Equal("deadlock detected", error.Message);
        Assert.Equal("r5", await coalescer.RunAsync(5));
    }

    [Fact]
    public async Task A_batch_PostgreSQL_refused_is_run_again_one_request_at_a_time_so_only_the_one_at_fault_fails()
    {
        using var coalescer = new StatementCoalescer<int, string>(
            async batch => batch.Contains(13)
                ? throw new PostgresException("duplicate key value", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation)
                : await RunAsync(batch),
            maxBatch: 10);
        var first = coalescer.RunAsync(1);
        await _firstEntered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var (twelve, thirteen, fourteen) = (coalescer.RunAsync(12), coalescer.RunAsync(13), coalescer.RunAsync(14));
        _firstHeld.SetResult();

        Assert.Equal("r1", await first);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, (await Assert.ThrowsAsync<PostgresException>(() => thirteen)).SqlState);
        Assert.Equal(["r12", "r14"], await Task.WhenAll(twelve, fourteen));
        Assert.Equal([[1], [12], [14]], _statements);
    }

    [Fact]
    public async Task A_batch_that_failed_otherwise_fails_every_request_without_running_again()
    {
        var runs = 0;
        using var coalescer = new StatementCoalescer<int, string>(
            async batch =>
            {
                if (++runs == 2)
                {
                    throw new NpgsqlException("connection lost");
                }

                return await RunAsync(batch);
            },
            maxBatch: 10);
        var first = coalescer.RunAsync(1);
        await _firstEntered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var later = new[] { coalescer.RunAsync(2), coalescer.RunAsync(3) };
        _firstHeld.SetResult();

        Assert.Equal("r1", await first);
        foreach (var request in later)
        {
            Assert.Equal("connection lost", (await Assert.ThrowsAsync<NpgsqlException>(() => request)).Message);
        }

        Assert.Equal(2, runs);
        Assert.Equal([[1]], _statements);
    }

    private async Task<IReadOnlyList<string>> RunAsync(IReadOnlyList<int> batch)
    {
        _statements.Add(batch);
        _firstEntered.TrySetResult();
        await _firstHeld.Task;
        return batch.Select(n => $"r{n}").ToList();
    }
}
