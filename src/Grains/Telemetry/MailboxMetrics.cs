using System.Diagnostics.Metrics;
using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Mailboxes;

namespace RoleFerry.Grains.Telemetry;

/// <summary>Meter <see cref="RoleFerryMeters.Mailboxes"/>: reservations a mailbox refused, by reason.</summary>
public sealed class MailboxMetrics
{
    public const string RefusalsName = "roleferry.mailbox.reservation_refusals";
    public const string ReasonTag = "reason";

    private readonly Counter<long> _refusals;

    public MailboxMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(RoleFerryMeters.Mailboxes);
        _refusals = meter.CreateCounter<long>(
            RefusalsName, "{reservation}", "Reservations a mailbox refused, by reason: paused, unhealthy, daily_cap, minimum_gap, held_elsewhere, conflict.");
    }

    /// <summary>Counts <paramref name="result"/> when it is a refusal; returns it unchanged.</summary>
    public ReservationResult RecordIfRefused(ReservationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Granted)
        {
            _refusals.Add(1, new KeyValuePair<string, object?>(ReasonTag, RefusalReasons.Classify(result.Reason)));
        }

        return result;
    }
}
