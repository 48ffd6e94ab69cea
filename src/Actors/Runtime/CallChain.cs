namespace RoleFerry.Actors.Runtime;

/// <summary>
/// The grains a call passed through, outermost first. It flows with the turn that runs a request so that a
/// timeout can say who waited on whom (a cycle shows the same grain twice).
/// </summary>
internal sealed class CallChain
{
    private static readonly AsyncLocal<CallChain?> CurrentChain = new();

    private CallChain(GrainId grain, CallChain? caller)
    {
        Grain = grain;
        Caller = caller;
    }

    public GrainId Grain { get; }

    public CallChain? Caller { get; }

    /// <summary>The chain of the turn running on this async flow; null outside grain code.</summary>
    public static CallChain? Current
    {
        get => CurrentChain.Value;
        set => CurrentChain.Value = value;
    }

    public static CallChain Extend(CallChain? caller, GrainId target) => new(target, caller);

    public IReadOnlyList<GrainId> ToList()
    {
        var list = new List<GrainId>();
        for (var link = this; link is not null; link = link.Caller)
        {
            list.Add(link.Grain);
        }

        list.Reverse();
        return list;
    }

    public override string ToString() => string.Join(" -> ", ToList());
}
