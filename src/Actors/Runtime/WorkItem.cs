namespace RoleFerry.Actors.Runtime;

/// <summary>One request queued on an activation: the method to run, its arguments and the caller's completion.</summary>
internal abstract class WorkItem(CallChain chain, string methodName, DateTimeOffset deadline)
{
    /// <summary>When the caller stops waiting; a request still queued then is failed, not run.</summary>
    public DateTimeOffset Deadline { get; } = deadline;

    public CallChain Chain { get; } = chain;

    public string MethodName { get; } = methodName;

    /// <summary>True once the caller stopped waiting (timeout) or the request failed before running.</summary>
    public abstract bool IsCompleted { get; }

    /// <summary>Runs the request as one turn; returns the exception it threw (already given to the caller), or null.</summary>
    public abstract Task<Exception?> ExecuteAsync(Grain grain);

    public abstract void Fail(Exception error);
}
