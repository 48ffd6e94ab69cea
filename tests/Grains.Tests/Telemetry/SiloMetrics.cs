using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using RoleFerry.Grains.Telemetry;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Telemetry;

/// <summary>
/// Records RoleFerry's instruments of one silo: collectors on the meters that silo's <see cref="IMeterFactory"/>
/// creates, so other silos and other tests of the process do not count. Create it before the silo's first grain
/// call that matters; instruments published later are picked up.
/// </summary>
public sealed class SiloMetrics : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public SiloMetrics(ClusterSilo silo)
    {
        var scope = silo.Services.GetRequiredService<IMeterFactory>();
        Sent = new MetricCollector<long>(scope, RoleFerryMeters.Outreach, OutreachMetrics.SentName);
        SendFailures = new MetricCollector<long>(scope, RoleFerryMeters.Outreach, OutreachMetrics.SendFailuresName);
        StepLateness = new MetricCollector<double>(scope, RoleFerryMeters.Outreach, OutreachMetrics.StepLatenessName);
        Refusals = new MetricCollector<long>(scope, RoleFerryMeters.Mailboxes, MailboxMetrics.RefusalsName);
        EmailEvents = new MetricCollector<long>(scope, RoleFerryMeters.EmailEvents, EmailEventMetrics.ReceivedName);
    }

    public MetricCollector<long> Sent { get; }

    public MetricCollector<long> SendFailures { get; }

    public MetricCollector<double> StepLateness { get; }

    public MetricCollector<long> Refusals { get; }

    public MetricCollector<long> EmailEvents { get; }

    /// <summary>The values of <paramref name="tag"/> over every measurement of <paramref name="collector"/>, once it has at least <paramref name="count"/>.</summary>
    public static async Task<IReadOnlyList<string?>> TagValuesAsync<T>(MetricCollector<T> collector, string tag, int count)
        where T : struct
    {
        await collector.WaitForMeasurementsAsync(count, Wait);
        return collector.GetMeasurementSnapshot().Select(m => m.Tags.TryGetValue(tag, out var value) ? value?.ToString() : null).ToList();
    }

    /// <summary>Every measurement of <paramref name="collector"/>, once it has at least <paramref name="count"/>.</summary>
    public static async Task<IReadOnlyList<CollectedMeasurement<T>>> MeasurementsAsync<T>(MetricCollector<T> collector, int count)
        where T : struct
    {
        await collector.WaitForMeasurementsAsync(count, Wait);
        return collector.GetMeasurementSnapshot();
    }

    public void Dispose()
    {
        Sent.Dispose();
        SendFailures.Dispose();
        StepLateness.Dispose();
        Refusals.Dispose();
        EmailEvents.Dispose();
    }
}
