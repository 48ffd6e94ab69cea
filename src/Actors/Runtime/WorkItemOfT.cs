namespace RoleFerry.Actors.Runtime;

/// <summary>A queued request whose result the caller awaits.</summary>
internal sealed class WorkItem<TResult>(
    Func<object, object?[], Task<TResult>> invoker,
    object?[] arguments,
    CallChain chain,
    string methodName,
    DateTimeOffset deadline) : WorkItem(chain, methodName, deadline)
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult> Completion => _completion.Task;

    public override bool IsCompleted => _completion.Task.IsCompleted;

    public override async Task<Exception?> ExecuteAsync(Grain grain)
    {
        // Set inside this async method so the chain flows into the grain code and is undone afterwards.
        CallChain.Current = Chain;
        try
        {
            var result = await invoker(grain, arguments).ConfigureAwait(false);
            _completion.TrySetResult(result);
            return null;
        }
        catch (Exception error)
        {
            _completion.TrySetException(error);
            return error;
        }
    }

    public override void Fail(Exception error) => _completion.TrySetException(error);
}
