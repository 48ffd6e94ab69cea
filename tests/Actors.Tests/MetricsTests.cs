using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using RoleFerry.Actors.Tests.Grains;

namespace RoleFerry.Actors.Tests;

/// <summary>Uses the "metrics-probe" grain type only, so that parallel tests cannot add to its measurements.</summary>
public sealed class MetricsTests : RuntimeTest
{
    [Fact]
    public async Task Calls_activations_and_reminders_are_measured_per_grain_type()
    {
        var totals = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "RoleFerry.Actors")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "grain_type" && (string?)tag.Value == "metrics-probe")
                {
                    totals.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value);
                    totals.AddOrUpdate(instrument.Name + ":count", 1, (_, n) => n + 1);
                }
            }
        }

        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        listener.Start();

        var silo = await StartSiloAsync();
        var grain = silo.Grains.GetGrain<IMetricsProbeGrain>(1);
        await grain.Touch();
        await grain.Touch();
        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Fail());
        await grain.Remind(Clock.GetUtcNow() + TimeSpan.FromSeconds(3));
        Clock.Advance(TimeSpan.FromSeconds(5));
        await Probe.WaitFor("metrics-tick");
        await silo.StopAsync();

        Assert.Equal(5, totals["roleferry.actors.calls"]);
        Assert.Equal(1, totals["roleferry.actors.call_failures"]);
        Assert.Equal(5, totals["roleferry.actors.call_duration:count"]);
        Assert.Equal(1, totals["roleferry.actors.reminders_fired"]);
        Assert.Equal(0, totals["roleferry.actors.reminder_lateness"]);
        Assert.False(totals.ContainsKey("roleferry.actors.reminders_late"));
        Assert.Equal(2, totals["roleferry.actors.activations:count"]);
        Assert.Equal(0, totals["roleferry.actors.activations"]);
    }
}
