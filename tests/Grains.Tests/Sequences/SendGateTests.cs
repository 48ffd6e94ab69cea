using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RoleFerry.Grains.Sequences;

namespace RoleFerry.Grains.Tests.Sequences;

public sealed class SendGateTests
{
    private readonly List<long> _sentQueued = [];

    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task A_step_past_the_bound_is_queued_at_once_and_sent_in_the_next_free_turn()
    {
        var gate = Gate(turns: 2);
        var started = new List<string>();

        var first = gate.RunOrQueueAsync(1, async () => { started.Add("first"); await _held.Task; });
        var second = gate.RunOrQueueAsync(2, async () => { started.Add("second"); await _held.Task; });
        var third = gate.RunOrQueueAsync(3, () => { started.Add("third"); return Task.CompletedTask; });

        Assert.True(third.IsCompletedSuccessfully);
        Assert.Equal(["first", "second"], started);
        Assert.Equal((1, 0), (gate.Queued, _sentQueued.Count));
        _held.SetResult();
        await Task.WhenAll(first, second);
        Assert.Equal([3], _sentQueued);
        Assert.Equal(0, gate.Queued);
    }

    [Fact]
    public async Task A_sequence_that_wakes_again_while_queued_is_sent_once()
    {
        var gate = Gate(turns: 1);

        var first = gate.RunOrQueueAsync(1, () => _held.Task);
        await gate.RunOrQueueAsync(7, () => Task.CompletedTask);
        await gate.RunOrQueueAsync(7, () => Task.CompletedTask);
        await gate.RunOrQueueAsync(8, () => Task.CompletedTask);
        _held.SetResult();
        await first;

        Assert.Equal([7, 8], _sentQueued);
    }

    [Fact]
    public async Task A_failed_step_gives_its_turn_back()
    {
        var gate = Gate(turns: 1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.RunOrQueueAsync(1, () => throw new InvalidOperationException("SMTP down")));

        var ran = false;
        await gate.RunOrQueueAsync(2, () => { ran = true; return Task.CompletedTask; });
        Assert.True(ran);
    }

    [Fact]
    public async Task The_gate_is_idle_only_once_no_step_is_sent_or_queued()
    {
        var queuedSend = new TaskCompletionSource();
        var gate = new SendGate(Options.Create(new SequenceOptions { MaxConcurrentSends = 1 }), _ => queuedSend.Task, NullLogger.Instance);
        Assert.True(gate.Idle);

        var first = gate.RunOrQueueAsync(1, () => _held.Task);
        await gate.RunOrQueueAsync(2, () => Task.CompletedTask);
        Assert.False(gate.Idle);
        _held.SetResult();
        await first;

        // Step 2 now runs in the turn step 1 handed on: the gate is busy until that send is over.
        Assert.Equal(0, gate.Queued);
        Assert.False(gate.Idle);
        queuedSend.SetResult();
        Assert.True(SpinWait.SpinUntil(() => gate.Idle, TimeSpan.FromSeconds(5)));
    }

    private SendGate Gate(int turns) => new(
        Options.Create(new SequenceOptions { MaxConcurrentSends = turns }),
        id => { _sentQueued.Add(id); return Task.CompletedTask; },
        NullLogger.Instance);
}
