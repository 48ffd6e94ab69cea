using System.Diagnostics.Metrics;

namespace RoleFerry.Actors.Runtime;

/// <summary>The runtime's instruments, all on the meter <c>RoleFerry.Actors</c>.</summary>
internal sealed class ActorMetrics : IDisposable
{
    public const string MeterName = "RoleFerry.Actors";

    private readonly Meter _meter = new(MeterName);
    private readonly UpDownCounter<long> _activations;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _callFailures;
    private readonly Histogram<double> _callDuration;
    private readonly Counter<long> _remindersFired;
    private readonly Counter<long> _remindersLate;
    private readonly Histogram<double> _reminderLateness;
    private Func<long> _pendingReminders = () => 0;

    public ActorMetrics()
    {
        _activations = _meter.CreateUpDownCounter<long>("roleferry.actors.activations", description: "Live activations per grain type.");
        _calls = _meter.CreateCounter<long>("roleferry.actors.calls", description: "Grain calls made.");
        _callFailures = _meter.CreateCounter<long>("roleferry.actors.call_failures", description: "Grain calls that threw or timed out.");
        _callDuration = _meter.CreateHistogram<double>("roleferry.actors.call_duration", unit: "ms", description: "Grain call latency, queueing included.");
        _remindersFired = _meter.CreateCounter<long>("roleferry.actors.reminders_fired", description: "Reminder ticks delivered.");
        _remindersLate = _meter.CreateCounter<long>("roleferry.actors.reminders_late", description: "Reminder ticks delivered more than one second after their due time.");
        _reminderLateness = _meter.CreateHistogram<double>("roleferry.actors.reminder_lateness", unit: "ms", description: "Delivery time minus due time of reminder ticks.");
        _meter.CreateObservableGauge("roleferry.actors.reminders_pending", () => _pendingReminders(), description: "Reminders held in memory, waiting for their due time.");
    }

    public void ObservePendingReminders(Func<long> pending) => _pendingReminders = pending;

    public void ActivationCreated(string grainType) => _activations.Add(1, Tag(grainType));

    public void ActivationRemoved(string grainType) => _activations.Add(-1, Tag(grainType));

    public void CallCompleted(string grainType, double milliseconds, bool failed)
    {
        var tag = Tag(grainType);
        _calls.Add(1, tag);
        _callDuration.Record(milliseconds, tag);
        if (failed)
        {
            _callFailures.Add(1, tag);
        }
    }

    public void ReminderFired(string grainType, TimeSpan lateness)
    {
        var tag = Tag(grainType);
        _remindersFired.Add(1, tag);
        _reminderLateness.Record(Math.Max(0, lateness.TotalMilliseconds), tag);
        if (lateness > TimeSpan.FromSeconds(1))
        {
            _remindersLate.Add(1, tag);
        }
    }

    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?> Tag(string grainType) => new("grain_type", grainType);
}
