using Npgsql;

namespace RoleFerry.Grains.Sequences;

/// <summary>The steps of a sequence that left before a given one (their subjects and Message-IDs), for threading follow-ups.</summary>
public sealed class SequenceThreadStore(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<EarlierStep>> LoadEarlierAsync(long instanceId, int stepNo) => await db.ReadAllAsync(
        """
        SELECT step_no, coalesce(subject, ''), message_id FROM outreach
        WHERE sequence_instance_id = $1 AND step_no < $2 AND message_id IS NOT NULL AND sent_at IS NOT NULL
        ORDER BY step_no
        """,
        reader => new EarlierStep(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)),
        instanceId, stepNo);
}
