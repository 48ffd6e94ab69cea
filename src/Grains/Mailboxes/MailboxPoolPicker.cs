using RoleFerry.Grains.Interfaces.Mailboxes;

namespace RoleFerry.Grains.Mailboxes;

/// <summary>The pool's choice, as a pure function of its index: the least-loaded eligible mailbox not excluded.</summary>
public static class MailboxPoolPicker
{
    /// <summary>
    /// Among eligible entries not excluded: lowest sentToday / effectiveCap, then lowest sentToday, then lowest id.
    /// None → no mailbox and the earliest time one of the others may be eligible (null if none ever will by itself).
    /// </summary>
    public static MailboxPick Pick(IEnumerable<MailboxPoolEntry> entries, IReadOnlyCollection<long> excluded, DateTimeOffset now)
    {
        MailboxPoolEntry? best = null;
        DateTimeOffset? retryAt = null;
        foreach (var entry in entries)
        {
            if (excluded.Contains(entry.MailboxId))
            {
                continue;
            }

            if (!entry.IsEligibleAt(now))
            {
                if (entry.Availability.NextEligibleAt is { } next && (retryAt is null || next < retryAt))
                {
                    retryAt = next;
                }

                continue;
            }

            if (best is null || IsLessLoaded(entry, best, now))
            {
                best = entry;
            }
        }

        return best is null ? new MailboxPick(null, retryAt) : new MailboxPick(best.MailboxId, null);
    }

    private static bool IsLessLoaded(MailboxPoolEntry a, MailboxPoolEntry b, DateTimeOffset now)
    {
        long sentA = a.SentTodayAt(now), sentB = b.SentTodayAt(now);
        long capA = Math.Max(1, a.Availability.EffectiveCap), capB = Math.Max(1, b.Availability.EffectiveCap);
        // sentA / capA vs sentB / capB, compared exactly by cross-multiplying.
        var byLoad = (sentA * capB).CompareTo(sentB * capA);
        if (byLoad != 0)
        {
            return byLoad < 0;
        }

        return sentA != sentB ? sentA < sentB : a.MailboxId < b.MailboxId;
    }
}
