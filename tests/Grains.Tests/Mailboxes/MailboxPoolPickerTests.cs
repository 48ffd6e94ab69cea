using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Mailboxes;

namespace RoleFerry.Grains.Tests.Mailboxes;

public sealed class MailboxPoolPickerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Picks_the_lowest_load_then_the_fewest_sends_then_the_lowest_id()
    {
        var entries = new[]
        {
            Entry(1, sent: 2, cap: 10),   // 0.2
            Entry(2, sent: 2, cap: 20),   // 0.1, 2 sent
            Entry(3, sent: 1, cap: 10),   // 0.1, 1 sent
            Entry(4, sent: 1, cap: 10),   // ties with 3: higher id
        };

        Assert.Equal(new MailboxPick(3, null), MailboxPoolPicker.Pick(entries, [], Now));
        Assert.Equal(new MailboxPick(4, null), MailboxPoolPicker.Pick(entries, [3], Now));
        Assert.Equal(new MailboxPick(2, null), MailboxPoolPicker.Pick(entries, [3, 4], Now));
        Assert.Equal(new MailboxPick(1, null), MailboxPoolPicker.Pick(entries, [2, 3, 4], Now));
    }

    [Fact]
    public void Without_an_eligible_mailbox_it_answers_the_earliest_time_among_those_not_excluded()
    {
        var entries = new[]
        {
            Entry(1, sent: 10, cap: 10, eligible: false, next: Now.AddHours(15)),
            Entry(2, sent: 1, cap: 10, eligible: false, next: Now.AddMinutes(5)),
            Entry(3, sent: 0, cap: 10, eligible: false, next: null),   // paused
            Entry(4, sent: 0, cap: 10),
        };

        Assert.Equal(new MailboxPick(null, Now.AddMinutes(5)), MailboxPoolPicker.Pick(entries, [4], Now));
        Assert.Equal(new MailboxPick(null, Now.AddHours(15)), MailboxPoolPicker.Pick(entries, [2, 4], Now));
        Assert.Equal(new MailboxPick(null, null), MailboxPoolPicker.Pick(entries, [1, 2, 4], Now));
    }

    [Fact]
    public void Time_makes_a_reported_mailbox_eligible_again()
    {
        var midnight = new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero);
        var capped = Entry(1, sent: 10, cap: 10, eligible: false, next: midnight);
        var gapped = Entry(2, sent: 3, cap: 10, eligible: false, next: Now.AddMinutes(5));

        Assert.Equal(new MailboxPick(null, Now.AddMinutes(5)), MailboxPoolPicker.Pick([capped, gapped], [], Now.AddMinutes(4)));
        Assert.Equal(new MailboxPick(2, null), MailboxPoolPicker.Pick([capped, gapped], [], Now.AddMinutes(5)));
        // After midnight the sends both reported yesterday no longer count: a tie at 0, so the lower id.
        Assert.Equal(new MailboxPick(1, null), MailboxPoolPicker.Pick([capped, gapped], [], midnight));
        Assert.Equal(0, capped.SentTodayAt(midnight));
        Assert.Equal(10, capped.SentTodayAt(midnight.AddTicks(-1)));
    }

    private static MailboxPoolEntry Entry(long id, int sent, int cap, bool eligible = true, DateTimeOffset? next = null) =>
        new(new MailboxAvailability(id, eligible, sent, cap, eligible ? Now : next), Now);
}
