using Orleans.Concurrency;
using RoleFerry.Grains.Interfaces.Sequences;

namespace RoleFerry.Grains.Sequences;

/// <summary>
/// The sequence grain's second interface, kept out of the contracts on purpose: the calls of enrollment (the user
/// grain), the email events, the maintenance and the silo's send gate, which the API must never make.
/// </summary>
[Alias("RoleFerry.ISequenceEngineGrain")]
internal interface ISequenceEngineGrain : IGrainWithIntegerKey
{
    /// <summary>Schedules step 1 of a freshly enrolled instance (idempotent).</summary>
    [Alias("Start")]
    Task<SequenceView> StartAsync();

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
