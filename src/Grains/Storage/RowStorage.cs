using System.Globalization;
using Orleans.Runtime;
using Orleans.Storage;

namespace RoleFerry.Grains.Storage;

/// <summary>
/// Grain storage over one of RoleFerry's own tables, for one state type: the row is the state and its
/// <c>version</c> column the ETag. Rows are created by the product's SQL (enrollment, the mailbox pool,
/// registration), so a missing row reads as "no record" and a write needs the version it was read at;
/// a write that finds another version throws <see cref="InconsistentStateException"/> and Orleans deactivates
/// the activation, whose next call reloads the row.
/// </summary>
public abstract class RowStorage<TState> : IGrainStorage
    where TState : class
{
    /// <summary>The row of <paramref name="id"/> and its version, or null when there is none.</summary>
    protected abstract Task<(TState State, long Version)?> ReadRowAsync(long id);

    /// <summary>Writes the row where its version is <paramref name="version"/>; the new version, or null when it was another.</summary>
    protected abstract Task<long?> WriteRowAsync(long id, TState state, long version);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var state = Typed(grainState);
        if (await ReadRowAsync(Key(grainId)) is { } row)
        {
            state.State = row.State;
            state.ETag = row.Version.ToString(CultureInfo.InvariantCulture);
            state.RecordExists = true;
        }
        else
        {
            state.ETag = null;
            state.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var state = Typed(grainState);
        if (state.ETag is null)
        {
            throw new InvalidOperationException(
                $"{typeof(TState).Name} {grainId} has no row; rows of this state are created by RoleFerry's SQL, not by the grain.");
        }

        var version = await WriteRowAsync(Key(grainId), state.State!, long.Parse(state.ETag, CultureInfo.InvariantCulture));
        state.ETag = version is long written
            ? written.ToString(CultureInfo.InvariantCulture)
            : throw new InconsistentStateException($"{typeof(TState).Name} {grainId} was changed by another writer.", state.ETag, "unknown");
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        throw new NotSupportedException($"{typeof(TState).Name} rows are history; they are never cleared by a grain.");

    /// <summary>The integer key of a grain of this storage (its row id).</summary>
    private static long Key(GrainId grainId) =>
        grainId.TryGetIntegerKey(out var key, out _) ? key : throw new ArgumentException($"{grainId} has no integer key.", nameof(grainId));

    private static IGrainState<TState> Typed<T>(IGrainState<T> grainState) =>
        grainState as IGrainState<TState>
        ?? throw new InvalidOperationException($"This storage holds {typeof(TState).Name}, not {typeof(T).Name}.");
}
