namespace RoleFerry.Actors.Storage;

/// <summary>The runtime's <see cref="IPersistentState{TState}"/>: the state of one grain over its storage.</summary>
internal sealed class PersistentState<TState>(GrainId grainId, IGrainStorage<TState> storage)
    : IPersistentState<TState>, IStateLoader
    where TState : class, new()
{
    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists => Etag is not null;

    public async Task ReadStateAsync()
    {
        var stored = await storage.ReadAsync(grainId, CancellationToken.None).ConfigureAwait(false);
        State = stored?.State ?? new TState();
        Etag = stored?.Etag;
    }

    public async Task WriteStateAsync() =>
        Etag = await storage.WriteAsync(grainId, State, Etag, CancellationToken.None).ConfigureAwait(false);

    public async Task ClearStateAsync()
    {
        await storage.ClearAsync(grainId, Etag, CancellationToken.None).ConfigureAwait(false);
        State = new TState();
        Etag = null;
    }
}
