namespace RoleFerry.Actors;

/// <summary>A state write found that storage holds another version than the one this activation read.</summary>
public sealed class InconsistentStateException(string message) : Exception(message)
{
    public InconsistentStateException(GrainId grainId, string? expectedEtag)
        : this($"State of {grainId} changed in storage since it was read (expected version {expectedEtag ?? "none"}).")
    {
    }
}
