using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using RoleFerry.Grains.Email;
using RoleFerry.Grains.Interfaces.Email;
using RoleFerry.Grains.Telemetry;

namespace RoleFerry.Grains.Tests.Telemetry;

/// <summary>How each SMTP outcome and each inbound event is counted (the grains call these where things happen).</summary>
public sealed class SendOutcomeMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddRoleFerryMetrics().BuildServiceProvider();

    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    public static TheoryData<SendOutcome, string> Failures => new()
    {
        { SendOutcome.Transient(421, "421 4.7.0 Try again later"), SendFailureKinds.Transient },
        { SendOutcome.Permanent(554, "554 5.7.1 Message rejected"), SendFailureKinds.Permanent },
        { SendOutcome.Permanent(550, "550 5.1.1 User unknown", isHardBounce: true), SendFailureKinds.HardBounce },
        { SendOutcome.Unknown("connection reset"), SendFailureKinds.OutcomeUnknown },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failed_send_counts_one_failure_of_its_kind_and_no_send(SendOutcome outcome, string kind)
    {
        using var sent = new MetricCollector<long>(Meters, RoleFerryMeters.Outreach, OutreachMetrics.SentName);
        using var failures = new MetricCollector<long>(Meters, RoleFerryMeters.Outreach, OutreachMetrics.SendFailuresName);

        _services.GetRequiredService<OutreachMetrics>().RecordSendOutcome(outcome);

        var failure = Assert.Single(failures.GetMeasurementSnapshot());
        Assert.Equal(1, failure.Value);
        Assert.Equal(kind, failure.Tags[OutreachMetrics.FailureKindTag]);
        Assert.Empty(sent.GetMeasurementSnapshot());
    }

    [Fact]
    public void An_accepted_send_counts_one_send_and_no_failure()
    {
        using var sent = new MetricCollector<long>(Meters, RoleFerryMeters.Outreach, OutreachMetrics.SentName);
        using var failures = new MetricCollector<long>(Meters, RoleFerryMeters.Outreach, OutreachMetrics.SendFailuresName);

        _services.GetRequiredService<OutreachMetrics>().RecordSendOutcome(SendOutcome.Success("250 2.0.0 Ok"));

        Assert.Equal(1, Assert.Single(sent.GetMeasurementSnapshot()).Value);
        Assert.Empty(failures.GetMeasurementSnapshot());
    }

    [Fact]
    public void Lateness_is_the_seconds_from_due_to_claim_never_negative_and_nothing_without_a_due_time()
    {
        using var lateness = new MetricCollector<double>(Meters, RoleFerryMeters.Outreach, OutreachMetrics.StepLatenessName);
        var metrics = _services.GetRequiredService<OutreachMetrics>();
        var due = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

        metrics.RecordStepClaimed(due, due + TimeSpan.FromSeconds(70.5));
        metrics.RecordStepClaimed(due, due - TimeSpan.FromSeconds(1));
        metrics.RecordStepClaimed(null, due);

        Assert.Equal([70.5, 0], lateness.GetMeasurementSnapshot().Select(m => m.Value));
    }

    [Fact]
    public void An_event_of_an_unknown_type_is_counted_as_other()
    {
        using var events = new MetricCollector<long>(Meters, RoleFerryMeters.EmailEvents, EmailEventMetrics.ReceivedName);
        var metrics = _services.GetRequiredService<EmailEventMetrics>();

        metrics.Record("complaint-from-somewhere", known: true, duplicate: false);
        metrics.Record(EmailEventTypes.Click, known: true, duplicate: true);

        Assert.Equal(
            [(EmailEventMetrics.OtherType, EmailEventOutcomes.Applied), (EmailEventTypes.Click, EmailEventOutcomes.Duplicate)],
            events.GetMeasurementSnapshot().Select(m => ((string)m.Tags[EmailEventMetrics.TypeTag]!, (string)m.Tags[EmailEventMetrics.OutcomeTag]!)));
    }

    public void Dispose() => _services.Dispose();
}
