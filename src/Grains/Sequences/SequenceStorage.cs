using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using RoleFerry.Grains.Storage;

namespace RoleFerry.Grains.Sequences;

/// <summary>
/// <see cref="SequenceState"/> over its <c>sequence_instances</c> row (grain storage "sequences"). Rows are
/// created by enrollment; the grain writes only the fields that change, guarded by the version column.
/// </summary>
public sealed class SequenceStorage(NpgsqlDataSource db) : RowStorage<SequenceState>
{
    public const string Name = "sequences";

    protected override async Task<(SequenceState State, long Version)?> ReadRowAsync(long id)
    {
        await using var command = db.CreateCommand(
            """
            SELECT user_id, application_id, contact_id, template_snapshot::text, variables::text, timezone, status,
                   mailbox_id, current_step, next_step_due_at, enrolled_at, paused_at, stopped_at, stop_reason, version,
                   resume_at
            FROM sequence_instances WHERE id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var state = new SequenceState
        {
            UserId = reader.GetInt64(0),
            ApplicationId = reader.GetInt64(1),
            ContactId = reader.GetInt64(2),
            Template = JsonSerializer.Deserialize<TemplateSnapshot>(reader.GetString(3), TemplateSnapshot.Json)!,
            Variables = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(4))!,
            Timezone = reader.IsDBNull(5) ? null : reader.GetString(5),
            Status = reader.GetString(6),
            MailboxId = reader.IsDBNull(7) ? null : reader.GetInt64(7),
            CurrentStep = reader.GetInt32(8),
            NextStepDueAt = Time(reader, 9),
            EnrolledAt = Time(reader, 10)!.Value,
            PausedAt = Time(reader, 11),
            StoppedAt = Time(reader, 12),
            StopReason = reader.IsDBNull(13) ? null : reader.GetString(13),
            ResumeAt = Time(reader, 15),
        };
        return (state, reader.GetInt64(14));
    }

    protected override async Task<long?> WriteRowAsync(long id, SequenceState state, long version)
    {
        await using var command = db.CreateCommand(
            """
            UPDATE sequence_instances
            SET status = $3, mailbox_id = $4, current_step = $5, next_step_due_at = $6, paused_at = $7,
                stopped_at = $8, stop_reason = $9, resume_at = $10, updated_at = now(), version = version + 1
            WHERE id = $1 AND version = $2
            RETURNING version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        command.Parameters.Add(new NpgsqlParameter { Value = state.Status });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)state.MailboxId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = state.CurrentStep });
        command.Parameters.Add(Nullable(state.NextStepDueAt));
        command.Parameters.Add(Nullable(state.PausedAt));
        command.Parameters.Add(Nullable(state.StoppedAt));
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)state.StopReason ?? DBNull.Value });
        command.Parameters.Add(Nullable(state.ResumeAt));
        return (long?)await command.ExecuteScalarAsync();
    }

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetDateTime(ordinal), TimeSpan.Zero);

    private static NpgsqlParameter Nullable(DateTimeOffset? value) =>
        new() { Value = value.HasValue ? value.Value.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz };
}
