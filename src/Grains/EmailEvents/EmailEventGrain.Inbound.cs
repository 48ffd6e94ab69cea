using RoleFerry.Grains.Interfaces.Email;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Grains.Sequences;

namespace RoleFerry.Grains.EmailEvents;

/// <summary>Messages read over IMAP: the webhook's path (database first, then mailbox and sequences), plus parking.</summary>
public sealed partial class EmailEventGrain
{
    public async Task<InboundEventResult> ApplyInboundAsync(InboundEvent inbound)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var applied = await store.ApplyInboundAsync(this.GetPrimaryKeyString(), inbound);
        if (!applied.Known)
        {
            return InboundEventResult.Unknown;
        }

        if (applied.Duplicate)
        {
            return InboundEventResult.Repeated;
        }

        var effects = applied.Effects;
        await ApplyEffectsAsync(effects);

        var parked = 0;
        foreach (var sequenceId in applied.SequencesToPark)
        {
            var view = await GrainFactory.GetGrain<ISequenceEngineGrain>(sequenceId).ParkAsync(inbound.Entry.ReturnDate);
            parked += view.Status == SequenceStatuses.Parked ? 1 : 0;
        }

        return new InboundEventResult(true, false, applied.InboxMessageId, inbound.Entry.Relay, effects.SequencesToStop.Count, parked);
    }
}
