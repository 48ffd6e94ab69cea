using RoleFerry.Grains.Interfaces.Mailboxes;

namespace RoleFerry.Grains.Mailboxes;

/// <summary>
/// The pool's knowledge of one mailbox: what it last reported and when. Time moves on without the mailbox saying
/// so, so the entry is read as of now: a gap that ended or a midnight that passed makes it eligible again, and a
/// report from an earlier UTC day counts no sends today. <see cref="AsOf"/> is when the pool took the report in
/// (<see cref="MailboxAvailability"/> carries no time of its own): a report that waited in the pool's queue across
/// midnight overstates the new day's load until the mailbox reports again, an imprecision of ranking, never of caps.
/// </summary>
public sealed record MailboxPoolEntry(MailboxAvailability Availability, DateTimeOffset AsOf)
{
    public long MailboxId => Availability.MailboxId;

    public bool IsEligibleAt(DateTimeOffset now) =>
        Availability.Eligible || (Availability.NextEligibleAt is { } next && next <= now);

    public int SentTodayAt(DateTimeOffset now) =>
        MailboxRules.UtcDay(AsOf) < MailboxRules.UtcDay(now) ? 0 : Availability.SentToday;
}
