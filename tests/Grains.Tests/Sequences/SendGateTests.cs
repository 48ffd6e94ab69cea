using Microsoft.Extensions.Options;
using RoleFerry.Grains.Sequences;

namespace RoleFerry.Grains.Tests.Sequences;

public sealed class SendGateTests
{
    [Fact]
    public async Task A_step_past_the_bound_starts_only_when_one_in_flight_finishes()
    {
        var gate = new SendGate(Options.Create(new SequenceOptions { MaxConcurrentSends = 2 }));
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new List<string>();

        var first = gate.RunAsync(async () => { started.Add("first"); await held.Task; });
        var second = gate.RunAsync(async () => { started.Add("second"); await held.Task; });
        var third = gate.RunAsync(() => { started.Add("third"); return Task.CompletedTask; });

        Assert.Equal(["first", "second"], started);
        held.SetResult();
        await Task.WhenAll(first, second, third);
        Assert.Equal(["first", "second", "third"], started);
    }

    [Fact]
    public async Task A_failed_step_gives_its_turn_back()
    {
        var gate = new SendGate(Options.Create(new SequenceOptions { MaxConcurrentSends = 1 }));

        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.RunAsync(() => throw new InvalidOperationException("SMTP down")));

        var ran = false;
        await gate.RunAsync(() => { ran = true; return Task.CompletedTask; });
        Assert.True(ran);
    }
}
