namespace RoleFerry.Actors;

/// <summary>
/// A grain's persisted state, loaded before <see cref="Grain.OnActivateAsync"/>. Every write is conditional on
/// the version read; a conflict throws <see cref="InconsistentStateException"/> and the activation is reloaded.
/// Take it as a constructor parameter of the grain class.
/// </summary>
public interface IPersistentState<TState> where TState : class, new()
{
    TState State { get; set; }
    string? Etag { get; }
    bool RecordExists { get; }
    Task ReadStateAsync();
    Task WriteStateAsync();
    Task ClearStateAsync();
}
