namespace RoleFerry.Actors.Storage;

/// <summary>A state as read from storage with the version it was read at.</summary>
public sealed record StoredState<TState>(TState State, string Etag);
