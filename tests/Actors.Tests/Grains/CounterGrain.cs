using RoleFerry.Actors;

namespace RoleFerry.Actors.Tests.Grains;

[GrainType("counter")]
public sealed class CounterGrain(IPersistentState<CounterState> state, Probe probe) : Grain, ICounterGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Record("activate", GrainId, _activationId.ToString());
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (reason == DeactivationReason.ShuttingDown)
        {
            await state.WriteStateAsync();
        }

        probe.Record("deactivate", GrainId, reason.ToString());
    }

    public async Task<int> Increment()
    {
        var read = state.State.Count;
        await Task.Yield();
        state.State.Count = read + 1;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> Get() => Task.FromResult(state.State.Count);

    public async Task SetText(string text)
    {
        state.State.Text = text;
        await state.WriteStateAsync();
    }

    public Task<string?> GetText() => Task.FromResult(state.State.Text);

    public Task<Guid> ActivationId() => Task.FromResult(_activationId);

    public async Task SetTextSlowly(string text, TaskCompletionSource gate)
    {
        state.State.Text = text;
        probe.Record("slow-started", GrainId);
        await gate.Task;
    }
}
