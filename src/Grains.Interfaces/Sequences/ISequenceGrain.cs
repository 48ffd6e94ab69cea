using Orleans.Concurrency;

namespace RoleFerry.Grains.Interfaces.Sequences;

/// <summary>
/// One enrolled contact's sequence (key: sequence_instances.id). Sends each step when it is due (a reminder wakes
/// it), keeps every step on step 1's mailbox while it stays eligible, stops on reply, bounce, opt-out,
/// unsubscribe or cancel.
/// </summary>
[Alias("RoleFerry.ISequenceGrain")]
public interface ISequenceGrain : IGrainWithIntegerKey
{
    /// <summary>Schedules step 1 of a freshly enrolled instance (idempotent).</summary>
    [Alias("Start")]
    Task<SequenceView> StartAsync();

    [Alias("Get")]
    Task<SequenceView> GetAsync();

    [Alias("Pause")]
    Task<SequenceView> PauseAsync();

    [Alias("Resume")]
    Task<SequenceView> ResumeAsync();

    /// <summary>Stops for good: status is one of the stop statuses (<see cref="SequenceStatuses"/>).</summary>
    [Alias("Stop")]
    Task<SequenceView> StopAsync(string status, string reason);

    /// <summary>
    /// Asks the sequence to stop, without waiting for it. For callers that hold their own turn while a sequence may
    /// be waiting on them (the user grain): the stop condition is already committed in the database, so no further
    /// step can be claimed before this message is handled.
    /// </summary>
    [OneWay]
    [Alias("RequestStop")]
    Task RequestStopAsync(string status, string reason);

    /// <summary>
    /// The contact is out of office until <paramref name="returnDate"/> (unknown: null): an active sequence is
    /// parked until the day after it (else 7 days), its current step moved by the same amount; a parked one is
    /// parked longer when that is later. Anything else is left alone.
    /// </summary>
    [Alias("Park")]
    Task<SequenceView> ParkAsync(DateOnly? returnDate);

    /// <summary>
    /// Sends the current step now if it is due; a step not due (or a stopped sequence) is left alone. The silo's send
    /// gate calls it in a turn it took for this sequence, when a wake-up found every turn taken.
    /// </summary>
    [Alias("SendDueStep")]
    Task SendDueStepAsync();
}
