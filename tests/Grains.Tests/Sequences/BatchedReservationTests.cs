using Microsoft.Extensions.DependencyInjection;
using RoleFerry.Grains.Mailboxes;

namespace RoleFerry.Grains.Tests.Sequences;

/// <summary>Reservations of several mailboxes in one statement: each row at its own version, each reservation its own.</summary>
public sealed class BatchedReservationTests : OutreachTest
{
    [Fact]
    public async Task A_batch_writes_each_mailbox_with_its_reservation_and_skips_a_mailbox_changed_meanwhile()
    {
        var (first, second) = (await AddMailboxAsync(), await AddMailboxAsync());
        var template = await AnyTimeTemplateAsync((24, "One", "1"));
        var a = await EnrollAsync((await AddContactAsync()).Id, template);
        var b = await EnrollAsync((await AddContactAsync()).Id, template);
        var (firstVersion, secondVersion) = (await VersionAsync(first.Id), await VersionAsync(second.Id));
        await Seed.ExecuteAsync("UPDATE mailboxes SET version = version + 1 WHERE id = $1", second.Id);
        var now = Clock.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var (forA, forB) = (new PendingReservation(day, now, a.Id, 1), new PendingReservation(day, now, b.Id, 1));

        var versions = await Silo.Services.GetRequiredService<MailboxStorage>().WriteReservationsAsync(
        [
            new ReservationWrite(first.Id, firstVersion, Sent(day, now, sentToday: 7), now, forA),
            new ReservationWrite(second.Id, secondVersion, Sent(day, now, sentToday: 9), now, forB),
        ]);

        Assert.Equal([firstVersion + 1, null], versions);
        Assert.Equal(1L, await Seed.ScalarAsync(
            "SELECT count(*) FROM mailboxes WHERE id = $1 AND sent_today = 7 AND last_sent_at = $2 AND version = $3",
            first.Id, now.UtcDateTime, firstVersion + 1));
        Assert.Equal(1L, await Seed.ScalarAsync(
            "SELECT count(*) FROM mailbox_reservations WHERE id = $1 AND mailbox_id = $2 AND sequence_instance_id = $3 AND step_no = 1",
            forA.Id, first.Id, a.Id));
        Assert.Equal(0L, await Seed.ScalarAsync("SELECT count(*) FROM mailbox_reservations WHERE mailbox_id = $1", second.Id));
        Assert.Equal(0L, await Seed.ScalarAsync("SELECT count(*) FROM mailboxes WHERE id = $1 AND sent_today <> 0", second.Id));
    }

    private Task<long> VersionAsync(long mailboxId) => Seed.ScalarAsync("SELECT version FROM mailboxes WHERE id = $1", mailboxId);

    private static MailboxState Sent(DateOnly day, DateTimeOffset now, int sentToday) =>
        new() { Status = "active", HealthScore = 100, SentToday = sentToday, SentDay = day, LastSentAt = now };
}
