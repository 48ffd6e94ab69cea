using Npgsql;
using RoleFerry.Grains.Contacts;

namespace RoleFerry.Grains.Sequences;

/// <summary>
/// Records the steps SMTP accepted: the step is sent (unless an event, e.g. a reply, already moved it on), the
/// contact was contacted, the mailbox reservation is stamped sent, and the next step shows its due time. The steps
/// recorded at the same time on this silo share one batch of four statements, committed together (one implicit
/// transaction) in one round trip.
/// </summary>
public sealed class SentStepWriter : IDisposable
{
    private readonly NpgsqlDataSource _db;

    private readonly StatementCoalescer<SentStep, bool> _batches;

    public SentStepWriter(NpgsqlDataSource db)
    {
        _db = db;
        _batches = new StatementCoalescer<SentStep, bool>(WriteAllAsync);
    }

    public Task RecordAsync(SentStep sent) => _batches.RunAsync(sent);

    public void Dispose() => _batches.Dispose();

    internal async Task<IReadOnlyList<bool>> WriteAllAsync(IReadOnlyList<SentStep> steps)
    {
        var next = steps.Where(s => s.NextDueAt is not null).ToList();
        await using var connection = await _db.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Sql.BatchCommand(
            """
            UPDATE outreach o SET status = CASE o.status WHEN 'sending' THEN 'sent' ELSE o.status END, sent_at = x.sent_at,
                   updated_at = now()
            FROM unnest($1::bigint[], $2::timestamptz[]) AS x(id, sent_at)
            WHERE o.id = x.id
            """,
            ArrayParameter.Of(steps, s => s.OutreachId), ArrayParameter.Times(steps, s => s.SentAt)));
        batch.BatchCommands.Add(Sql.BatchCommand(
            ContactOutreachFacts.ContactedBySentStepsSql,
            ArrayParameter.Of(steps, s => s.OutreachId), ArrayParameter.Times(steps, s => s.SentAt)));
        batch.BatchCommands.Add(Sql.BatchCommand(
            """
            UPDATE mailbox_reservations r SET sent_at = coalesce(r.sent_at, x.sent_at)
            FROM unnest($1::bigint[], $2::bigint[], $3::timestamptz[]) AS x(id, mailbox_id, sent_at)
            WHERE r.id = x.id AND r.mailbox_id = x.mailbox_id
            """,
            ArrayParameter.Of(steps, s => s.ReservationId), ArrayParameter.Of(steps, s => s.MailboxId), ArrayParameter.Times(steps, s => s.SentAt)));
        if (next.Count > 0)
        {
            batch.BatchCommands.Add(Sql.BatchCommand(
                """
                UPDATE outreach o SET scheduled_at = x.due_at, updated_at = now()
                FROM unnest($1::bigint[], $2::int[], $3::timestamptz[]) AS x(instance_id, step_no, due_at)
                WHERE o.sequence_instance_id = x.instance_id AND o.step_no = x.step_no AND o.status = 'scheduled'
                """,
                ArrayParameter.Of(next, s => s.InstanceId), ArrayParameter.Of(next, s => s.NextStepNo),
                ArrayParameter.Times(next, s => s.NextDueAt!.Value)));
        }

        await batch.ExecuteNonQueryAsync();
        return steps.Select(_ => true).ToList();
    }
}
