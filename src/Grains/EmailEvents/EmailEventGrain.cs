using RoleFerry.Grains.Interfaces.Email;
using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Grains.Telemetry;
using RoleFerry.Grains.Mailboxes;

namespace RoleFerry.Grains.EmailEvents;

/// <summary>
/// Applies the events of one sent message (key: its bare Message-ID), one at a time: first the database
/// (committed, so no further step of the contact can be claimed), then the mailbox's health and the sequences.
/// Call direction: this grain awaits mailboxes and sequences; neither ever calls it.
/// </summary>
[GrainType("email-event")]
public sealed partial class EmailEventGrain(EmailEventStore store, EmailEventMetrics metrics) : Grain, IEmailEventGrain, IInboundEventGrain
{
    public async Task<bool> ApplyAsync(EmailEvent emailEvent)
    {
        var (known, duplicate, effects) = await store.ApplyAsync(this.GetPrimaryKeyString(), emailEvent);
        metrics.Record(emailEvent.Type, known, duplicate);
        if (!known || duplicate)
        {
            return known;
        }

        await ApplyEffectsAsync(effects);
        return true;
    }

    /// <summary>After the database: the mailbox's health (a bounce or spam report) and the sequences to stop.</summary>
    private async Task ApplyEffectsAsync(EventEffects effects)
    {
        if ((effects.MailboxBounce || effects.MailboxSpam)
            && effects.Message is { MailboxId: long mailboxId, ReservationId: long reservationId })
        {
            var mailbox = GrainFactory.GetGrain<IMailboxEngineGrain>(mailboxId);
            await (effects.MailboxBounce ? mailbox.RecordBounceAsync(reservationId) : mailbox.RecordSpamAsync(reservationId));
        }

        foreach (var sequenceId in effects.SequencesToStop)
        {
            await GrainFactory.GetGrain<ISequenceGrain>(sequenceId).StopAsync(effects.StopStatus!, effects.StopReason!);
        }
    }
}
