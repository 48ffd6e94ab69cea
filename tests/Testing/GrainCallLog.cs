using Orleans;
using Orleans.Runtime;

namespace RoleFerry.Testing;

/// <summary>
/// The grain calls the silos of a test cluster finished, from an incoming grain call filter: a barrier for what a
/// test cannot await itself, such as a one-way request, which its grain handles after the turn in progress.
/// </summary>
public sealed class GrainCallLog : IIncomingGrainCallFilter
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly List<(GrainId Grain, string Method)> _finished = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await context.Invoke();
        }
        finally
        {
            TaskCompletionSource changed;
            lock (_gate)
            {
                _finished.Add((context.TargetId, context.MethodName));
                changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.TrySetResult();
        }
    }

    /// <summary>Waits (10 s at most) until <paramref name="grain"/> finished a call of <paramref name="method"/>.</summary>
    public async Task WaitForAsync(GrainId grain, string method)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_finished.Contains((grain, method)))
                {
                    return;
                }

                changed = _changed.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
            {
                throw new TimeoutException($"{grain} did not finish a call of {method} within {Timeout}.");
            }
        }
    }
}
