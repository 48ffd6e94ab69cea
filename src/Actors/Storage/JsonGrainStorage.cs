using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace RoleFerry.Actors.Storage;

/// <summary>
/// Default storage: the state as JSON in <c>grain_state</c>, one row per grain, guarded by its version column.
/// </summary>
public sealed class JsonGrainStorage<TState>(NpgsqlDataSource dataSource) : IGrainStorage<TState>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<StoredState<TState>?> ReadAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT state::text, version FROM grain_state
            WHERE grain_type = $1 AND grain_key = $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var state = JsonSerializer.Deserialize<TState>(reader.GetString(0), Json)!;
        return new StoredState<TState>(state, reader.GetInt64(1).ToString(CultureInfo.InvariantCulture));
    }

    public async Task<string> WriteAsync(GrainId grainId, TState state, string? etag, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(state, Json);
        await using var command = etag is null
            ? dataSource.CreateCommand(
                """
                INSERT INTO grain_state (grain_type, grain_key, state) VALUES ($1, $2, $3)
                ON CONFLICT (grain_type, grain_key) DO NOTHING
                RETURNING version
                """)
            : dataSource.CreateCommand(
                """
                UPDATE grain_state SET state = $3, version = version + 1, updated_at = now()
                WHERE grain_type = $1 AND grain_key = $2 AND version = $4
                RETURNING version
                """);
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb });
        if (etag is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = long.Parse(etag, CultureInfo.InvariantCulture) });
        }

        var version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return version is long written
            ? written.ToString(CultureInfo.InvariantCulture)
            : throw new InconsistentStateException(grainId, etag);
    }

    public async Task ClearAsync(GrainId grainId, string? etag, CancellationToken cancellationToken)
    {
        if (etag is null)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(
            """
            DELETE FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND version = $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter { Value = long.Parse(etag, CultureInfo.InvariantCulture) });
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            throw new InconsistentStateException(grainId, etag);
        }
    }
}
