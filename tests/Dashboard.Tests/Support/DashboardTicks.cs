using System.Text.Json;
using Orleans.Runtime.Diagnostics;

namespace RoleFerry.Dashboard.Tests.Support;

/// <summary>
/// The dashboard gathers its counters on a grain timer of its own grain (<c>dashboard/0</c>): this follows that
/// timer's ticks (Orleans' <see cref="GrainTimerEvents"/>) so a test reads the counters again only once they were
/// gathered again.
/// </summary>
public sealed class DashboardTicks : IDisposable
{
    private readonly Lock _gate = new();
    private readonly IDisposable _subscription;
    private TaskCompletionSource _ticked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DashboardTicks() => _subscription = GrainTimerEvents.AllEvents.Subscribe(new Observer(this));

    /// <summary>
    /// Reads with <paramref name="read"/> until <paramref name="done"/> holds, reading again after each tick of the
    /// dashboard's timer, for at most <paramref name="limit"/>; returns the last read.
    /// </summary>
    public async Task<JsonElement> UntilAsync(Func<Task<JsonElement>> read, Func<JsonElement, bool> done, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            Task ticked;
            lock (_gate)
            {
                ticked = _ticked.Task;
            }

            var value = await read();
            var left = deadline - DateTime.UtcNow;
            if (done(value) || left <= TimeSpan.Zero)
            {
                return value;
            }

            try
            {
                await ticked.WaitAsync(left);
            }
            catch (TimeoutException)
            {
                return await read();
            }
        }
    }

    public void Dispose() => _subscription.Dispose();

    private void OnTick()
    {
        lock (_gate)
        {
            _ticked.TrySetResult();
            _ticked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private sealed class Observer(DashboardTicks ticks) : IObserver<GrainTimerEvents.TimerEvent>
    {
        public void OnNext(GrainTimerEvents.TimerEvent value)
        {
            if (value is GrainTimerEvents.TickStop
                && value.GrainContext.GrainId.Type.ToString()!.StartsWith("dashboard", StringComparison.Ordinal))
            {
                ticks.OnTick();
            }
        }

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
