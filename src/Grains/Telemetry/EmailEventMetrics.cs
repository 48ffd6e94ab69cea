using System.Diagnostics.Metrics;
using RoleFerry.Grains.Interfaces.Email;

namespace RoleFerry.Grains.Telemetry;

/// <summary>Meter <see cref="RoleFerryMeters.EmailEvents"/>: inbound email events (webhook, tracking, replies), by type and outcome.</summary>
public sealed class EmailEventMetrics
{
    public const string ReceivedName = "roleferry.email_events.received";
    public const string TypeTag = "event.type";
    public const string OutcomeTag = "outcome";
    public const string OtherType = "other";

    private static readonly HashSet<string> KnownTypes =
    [
        EmailEventTypes.Delivered, EmailEventTypes.Bounce, EmailEventTypes.SpamReport, EmailEventTypes.Reply,
        EmailEventTypes.AutoReply, EmailEventTypes.Unsubscribe, EmailEventTypes.Open, EmailEventTypes.Click,
    ];

    private readonly Counter<long> _received;

    public EmailEventMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(RoleFerryMeters.EmailEvents);
        _received = meter.CreateCounter<long>(
            ReceivedName, "{event}", "Inbound email events by event.type and outcome: applied, duplicate, unknown_message.");
    }

    /// <summary>An event of <paramref name="type"/> for a message that is <paramref name="known"/> (or not), seen before (<paramref name="duplicate"/>) or not.</summary>
    public void Record(string type, bool known, bool duplicate) =>
        _received.Add(
            1,
            new KeyValuePair<string, object?>(TypeTag, KnownTypes.Contains(type) ? type : OtherType),
            new KeyValuePair<string, object?>(OutcomeTag, !known ? EmailEventOutcomes.UnknownMessage : duplicate ? EmailEventOutcomes.Duplicate : EmailEventOutcomes.Applied));
}
