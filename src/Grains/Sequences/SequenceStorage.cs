using System.Text.Json;
using Npgsql;
using RoleFerry.Grains.Storage;

namespace RoleFerry.Grains.Sequences;

/// <summary>
/// <see cref="SequenceState"/> over its <c>sequence_instances</c> row (grain storage "sequences"). Rows are
/// created by enrollment; the grain writes only the fields that change, guarded by the version column. Sequences
/// wake by the thousand, so the reads (activations) and the writes of grains working at the same time on this silo
/// share one statement each (<see cref="ReadAllAsync"/>, <see cref="WriteAllAsync"/>); each row keeps its own
/// version check.
/// </summary>
public sealed class SequenceStorage : RowStorage<SequenceState>, IDisposable
{
    public const string Name = "sequences";

    /// <summary>
    /// The most activations one read carries. Reads by primary key are cheap and a due burst activates every
    /// sequence at once: at the default 64, 100,000 due wake-ups took 1,563 reads one after the other, the ticks
    /// timed out waiting for their activations, and Orleans retried them a minute later.
    /// </summary>
    public const int MaxReadBatch = 1024;

    private readonly NpgsqlDataSource _db;

    private readonly StatementCoalescer<long, (SequenceState State, long Version)?> _reads;

    private readonly StatementCoalescer<SequenceRowWrite, long?> _writes;

    public SequenceStorage(NpgsqlDataSource db)
    {
        _db = db;
        _reads = new StatementCoalescer<long, (SequenceState, long)?>(ReadAllAsync, MaxReadBatch);
        _writes = new StatementCoalescer<SequenceRowWrite, long?>(WriteAllAsync);
    }

    public void Dispose()
    {
        _reads.Dispose();
        _writes.Dispose();
    }

    protected override Task<(SequenceState State, long Version)?> ReadRowAsync(long id) => _reads.RunAsync(id);

    protected override Task<long?> WriteRowAsync(long id, SequenceState state, long version) =>
        _writes.RunAsync(new SequenceRowWrite(id, version, state));

    /// <summary>The rows of a batch of ids, each with its version, in the order asked; null for an id with no row.</summary>
    internal async Task<IReadOnlyList<(SequenceState State, long Version)?>> ReadAllAsync(IReadOnlyList<long> ids)
    {
        await using var command = _db.Command(
            """
            SELECT x.ord, si.user_id, si.application_id, si.contact_id, si.template_snapshot::text, si.variables::text,
                   si.timezone, si.status, si.mailbox_id, si.current_step, si.next_step_due_at, si.enrolled_at,
                   si.paused_at, si.stopped_at, si.stop_reason, si.version, si.resume_at
            FROM unnest($1::bigint[]) WITH ORDINALITY AS x(id, ord)
            JOIN sequence_instances si ON si.id = x.id
            """,
            ArrayParameter.Of(ids, id => id));
        var rows = new (SequenceState, long)?[ids.Count];
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var state = new SequenceState
            {
                UserId = reader.GetInt64(1),
                ApplicationId = reader.GetInt64(2),
                ContactId = reader.GetInt64(3),
                Template = JsonSerializer.Deserialize<TemplateSnapshot>(reader.GetString(4), TemplateSnapshot.Json)!,
                Variables = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(5))!,
                Timezone = reader.GetStringOrNull(6),
                Status = reader.GetString(7),
                MailboxId = reader.GetOrNull<long>(8),
                CurrentStep = reader.GetInt32(9),
                NextStepDueAt = reader.GetTimeOrNull(10),
                EnrolledAt = reader.GetTime(11),
                PausedAt = reader.GetTimeOrNull(12),
                StoppedAt = reader.GetTimeOrNull(13),
                StopReason = reader.GetStringOrNull(14),
                ResumeAt = reader.GetTimeOrNull(16),
            };
            rows[reader.GetInt64(0) - 1] = (state, reader.GetInt64(15));
        }

        return rows;
    }

    /// <summary>
    /// One update for a batch of rows, each where its version is the one its grain read: the new version of each row
    /// written, null for a row another writer changed meanwhile.
    /// </summary>
    internal async Task<IReadOnlyList<long?>> WriteAllAsync(IReadOnlyList<SequenceRowWrite> rows)
    {
        await using var command = _db.Command(
            """
            UPDATE sequence_instances si
            SET status = x.status, mailbox_id = x.mailbox_id, current_step = x.current_step,
                next_step_due_at = x.next_step_due_at, paused_at = x.paused_at, stopped_at = x.stopped_at,
                stop_reason = x.stop_reason, resume_at = x.resume_at, updated_at = now(), version = si.version + 1
            FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::bigint[], $5::int[], $6::timestamptz[],
                        $7::timestamptz[], $8::timestamptz[], $9::text[], $10::timestamptz[]) WITH ORDINALITY
                   AS x(id, version, status, mailbox_id, current_step, next_step_due_at, paused_at, stopped_at,
                        stop_reason, resume_at, ord)
            WHERE si.id = x.id AND si.version = x.version
            RETURNING x.ord, si.version
            """,
            ArrayParameter.Of(rows, r => r.Id), ArrayParameter.Of(rows, r => r.Version), ArrayParameter.Of(rows, r => r.State.Status),
            ArrayParameter.Of(rows, r => r.State.MailboxId), ArrayParameter.Of(rows, r => r.State.CurrentStep),
            ArrayParameter.Times(rows, r => r.State.NextStepDueAt), ArrayParameter.Times(rows, r => r.State.PausedAt),
            ArrayParameter.Times(rows, r => r.State.StoppedAt), ArrayParameter.Of(rows, r => r.State.StopReason),
            ArrayParameter.Times(rows, r => r.State.ResumeAt));
        var versions = new long?[rows.Count];
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions[reader.GetInt64(0) - 1] = reader.GetInt64(1);
        }

        return versions;
    }
}
