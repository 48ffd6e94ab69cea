using Orleans.Runtime;

namespace RoleFerry.Testing;

/// <summary>What a silo's reminder service is doing with one reminder, as its diagnostic events tell it.</summary>
internal sealed class LocalReminder(SiloAddress silo, string grainId, string name, object identity)
{
    public SiloAddress Silo { get; } = silo;

    public string GrainId { get; } = grainId;

    public string Name { get; } = name;

    /// <summary>The reminder service's object for this reminder; events of a replaced one are ignored.</summary>
    public object Identity { get; set; } = identity;

    /// <summary>The newest schedule the service announced for it.</summary>
    public long ScheduleVersion { get; set; }

    /// <summary>Waiting for its next tick on the newest schedule (not firing, not being rescheduled).</summary>
    public bool Armed { get; set; }

    public bool Firing { get; set; }

    /// <summary>When its last tick fired (the reminder clock's time then).</summary>
    public DateTimeOffset? LastFiredAt { get; set; }

    public override string ToString() =>
        $"{GrainId}/{Name} on {Silo} (schedule {ScheduleVersion}, {(Firing ? "firing" : Armed ? "armed" : "not armed")}, last fired {LastFiredAt:O})";
}
