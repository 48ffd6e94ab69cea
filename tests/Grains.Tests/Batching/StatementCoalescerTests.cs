using RoleFerry.Grains.Batching;

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

    private async Task<IReadOnlyList<string>> RunAsync(IReadOnlyList<int> batch)
    {
        _statements.Add(batch);
        _firstEntered.TrySetResult();
        await _firstHeld.Task;
        return batch.Select(n => $"r{n}").ToList();
    }
}
