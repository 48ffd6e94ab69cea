using System.Diagnostics.Metrics;
using RoleFerry.Grains.Email;

namespace RoleFerry.Grains.Telemetry;

/// <summary>
/// Meter <see cref="RoleFerryMeters.Outreach"/>: what the sequences' sends come to, and how late steps are claimed.
/// One per silo (created by the host's <see cref="IMeterFactory"/>); the sequence grain calls it where things happen.
/// </summary>
public sealed class OutreachMetrics
{
    public const string SentName = "roleferry.emails.sent";
    public const string SendFailuresName = "roleferry.emails.send_failures";
    public const string StepLatenessName = "roleferry.steps.lateness";
    public const string FailureKindTag = "failure.kind";

    /// <summary>Seconds: on time, a reminder period or two late (a failover), hours late (a cluster that was down).</summary>
    private static readonly double[] LatenessBuckets = [0.5, 1, 5, 15, 30, 60, 90, 120, 300, 600, 1800, 3600, 21600, 86400];

    private readonly Counter<long> _sent;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _lateness;

    public OutreachMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(RoleFerryMeters.Outreach);
        _sent = meter.CreateCounter<long>(SentName, "{email}", "Emails of sequence steps the SMTP server accepted.");
        _failures = meter.CreateCounter<long>(
            SendFailuresName, "{email}", "Sends of sequence steps that failed, by failure.kind: transient, permanent, hard_bounce, outcome_unknown.");
        _lateness = meter.CreateHistogram(
            StepLatenessName,
            "s",
            "From the time a step was due (its last scheduled time) to its claim for sending.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatenessBuckets });
    }

    /// <summary>One SMTP send's outcome: a send, or a failure of its kind.</summary>
    public void RecordSendOutcome(SendOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Kind == SendOutcomeKind.Sent)
        {
            _sent.Add(1);
            return;
        }

        RecordSendFailure(outcome switch
        {
            { Kind: SendOutcomeKind.TransientFailure } => SendFailureKinds.Transient,
            { Kind: SendOutcomeKind.MailboxRefused } => SendFailureKinds.MailboxRefused,
            { OutcomeUnknown: true } => SendFailureKinds.OutcomeUnknown,
            { IsHardBounce: true } => SendFailureKinds.HardBounce,
            _ => SendFailureKinds.Permanent,
        });
    }

    /// <summary>A failure of <paramref name="kind"/> (one of <see cref="SendFailureKinds"/>) found outside an SMTP answer, e.g. a claim left by a crash.</summary>
    public void RecordSendFailure(string kind) => _failures.Add(1, new KeyValuePair<string, object?>(FailureKindTag, kind));

    /// <summary>A step due at <paramref name="dueAt"/> was claimed at <paramref name="claimedAt"/>.</summary>
    public void RecordStepClaimed(DateTimeOffset? dueAt, DateTimeOffset claimedAt)
    {
        if (dueAt is { } due)
        {
            _lateness.Record(Math.Max(0, (claimedAt - due).TotalSeconds));
        }
    }
}
