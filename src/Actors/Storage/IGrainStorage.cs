namespace RoleFerry.Actors.Storage;

/// <summary>
/// Reads and writes one kind of grain state. Writes are conditional on the etag read: when storage holds
/// another version, throw <see cref="InconsistentStateException"/>. Register one per state type, mapping to
/// the product's relational tables; <see cref="JsonGrainStorage{TState}"/> is the default.
/// </summary>
public interface IGrainStorage<TState>
{
    /// <summary>The stored state, or null when there is no record.</summary>
    Task<StoredState<TState>?> ReadAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>Writes the state if storage still holds <paramref name="etag"/> (null: no record yet); returns the new etag.</summary>
    Task<string> WriteAsync(GrainId grainId, TState state, string? etag, CancellationToken cancellationToken);

    /// <summary>Deletes the record if storage still holds <paramref name="etag"/>.</summary>
    Task ClearAsync(GrainId grainId, string? etag, CancellationToken cancellationToken);
}
