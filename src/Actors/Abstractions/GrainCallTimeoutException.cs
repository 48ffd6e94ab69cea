namespace RoleFerry.Actors;

/// <summary>A grain call got no answer within the call timeout; <see cref="CallChain"/> shows who waited on whom.</summary>
public sealed class GrainCallTimeoutException(string message, IReadOnlyList<GrainId> callChain) : TimeoutException(message)
{
    public IReadOnlyList<GrainId> CallChain { get; } = callChain;
}
