using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace RoleFerry.Bench;

/// <summary>
/// The harness's own queries on a dispatch run's database (each marked with <see cref="StatementCounter.Mark"/>,
/// so statement counts leave them out): waiting for the run to finish, its times, and its correctness check.
/// </summary>
public static class DispatchObserver
{
    /// <summary>
    /// Waits until every step 1 is sent, or every one is sent or put off beyond the run by the product (still
    /// 'scheduled' with a due time more than 10 minutes ahead, unchanged for 10 s): the check then fails on those,
    /// instead of the run waiting for e.g. the next UTC midnight. Returns how many were put off.
    /// </summary>
    public static async Task<long> WaitAllSentAsync(NpgsqlDataSource observer, int steps, Stopwatch clock, TimeSpan deadline)
    {
        var putOffSince = (Count: 0L, At: TimeSpan.Zero);
        while (true)
        {
            await using var command = observer.CreateCommand(
                StatementCounter.Mark + """
                SELECT count(*) FILTER (WHERE status = 'sent'), count(*) FILTER (WHERE status NOT IN ('scheduled', 'sending', 'sent')),
                       min(error) FILTER (WHERE status NOT IN ('scheduled', 'sending', 'sent')),
                       count(*) FILTER (WHERE status = 'scheduled' AND scheduled_at > now() + interval '10 minutes')
                FROM outreach WHERE step_no = 1
                """);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var (sent, failed, putOff) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(3));
            if (failed > 0)
            {
                throw new InvalidOperationException($"Dispatch FAILED: {failed} steps ended neither sent nor pending, e.g. '{(reader.IsDBNull(2) ? "?" : reader.GetString(2))}'.");
            }

            if (sent >= steps)
            {
                return 0;
            }

            if (putOff != putOffSince.Count)
            {
                putOffSince = (putOff, clock.Elapsed);
            }
            else if (putOff > 0 && sent + putOff >= steps && clock.Elapsed - putOffSince.At > TimeSpan.FromSeconds(10))
            {
                return putOff;
            }

            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"Dispatch: {sent} of {steps} steps sent after {deadline}.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Waits until every sequence scheduled its step 2 (the tail of each tick), so the statement count is whole.</summary>
    public static async Task WaitAllAdvancedAsync(NpgsqlDataSource observer, int steps)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            await using var command = observer.CreateCommand(
                StatementCounter.Mark + "SELECT count(*) FROM sequence_instances WHERE current_step = 2 AND next_step_due_at IS NOT NULL");
            if ((long)(await command.ExecuteScalarAsync())! >= steps)
            {
                await Task.Delay(200);
                return;
            }

            await Task.Delay(100);
        }
    }

    public static async Task<DispatchTimes> TimesAsync(NpgsqlDataSource observer)
    {
        await using var command = observer.CreateCommand(
            StatementCounter.Mark + "SELECT min(claimed_at), max(sent_at) FROM outreach WHERE step_no = 1");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new DispatchTimes(reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>Every step 1 sent once and nothing else sent; every mailbox within its cap by counter and by reservation rows.</summary>
    public static async Task<(bool Ok, string Text)> CheckAsync(NpgsqlDataSource observer, DispatchSeed seed)
    {
        await using var command = observer.CreateCommand(
            StatementCounter.Mark + """
            SELECT (SELECT count(*) FROM outreach WHERE status = 'sent'),
                   (SELECT count(DISTINCT sequence_instance_id) FROM outreach WHERE status = 'sent' AND step_no = 1),
                   (SELECT count(*) FROM mailbox_reservations WHERE NOT released AND sent_at IS NOT NULL),
                   (SELECT count(*) FROM mailboxes WHERE sent_today > daily_cap),
                   (SELECT count(*) FROM (SELECT r.mailbox_id FROM mailbox_reservations r JOIN mailboxes m ON m.id = r.mailbox_id
                                          WHERE NOT r.released GROUP BY r.mailbox_id, m.daily_cap HAVING count(*) > m.daily_cap) x),
                   (SELECT count(*) FROM mailboxes WHERE sent_today > 0),
                   (SELECT count(*) FROM orleansreminderstable WHERE remindername = 'wake-up' AND starttime > now() + interval '47 hours'),
                   (SELECT count(*) FROM orleansreminderstable WHERE remindername = 'wake-up' AND starttime <= now() + interval '47 hours')
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (sent, instances, reserved, overByCounter, overByRows, used) =
            (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
        var (nextWakeUps, earlyWakeUps) = (reader.GetInt64(6), reader.GetInt64(7));
        if (sent != seed.Steps || instances != seed.Steps || reserved != seed.Steps || overByCounter != 0 || overByRows != 0
            || nextWakeUps != seed.Steps || earlyWakeUps != 0)
        {
            return (false, string.Create(CultureInfo.InvariantCulture,
                $"check FAILED: {sent:N0} outreach rows sent ({instances:N0} sequences' step 1) and {reserved:N0} sent reservations for {seed.Steps:N0} steps; "
                + $"{overByCounter} mailboxes over cap by sent_today, {overByRows} by live reservation rows; "
                + $"{nextWakeUps:N0} wake-up reminders 48 h ahead (step 2), {earlyWakeUps:N0} others"));
        }

        return (true, string.Create(CultureInfo.InvariantCulture,
            $"check OK: {sent:N0} outreach rows sent, each sequence once, {reserved:N0} sent reservations, {used} of {seed.Mailboxes} mailboxes used (cap {seed.MailboxCap}), none over its cap, "
            + $"{nextWakeUps:N0} wake-up reminders re-registered 48 h ahead for step 2 and none earlier"));
    }
}
