namespace RoleFerry.Actors;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>The grain asked for it with <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested,
    /// <summary>Unused for longer than the collection age.</summary>
    IdleCollection,
    /// <summary>A state write found a newer version in storage; the next call reloads.</summary>
    InconsistentState,
    /// <summary>The silo is stopping gracefully.</summary>
    ShuttingDown,
}
