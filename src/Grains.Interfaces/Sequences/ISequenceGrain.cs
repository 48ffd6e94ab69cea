using RoleFerry.Actors;

namespace RoleFerry.Grains.Interfaces.Sequences;

/// <summary>
/// One enrolled contact's sequence (key: sequence_instances.id). Sends each step from a reminder, keeps every
/// step on step 1's mailbox while it stays eligible, stops on reply, bounce, opt-out, unsubscribe or cancel.
/// </summary>
public interface ISequenceGrain : IGrainWithIntegerKey
{
    /// <summary>Schedules step 1 of a freshly enrolled instance (idempotent).</summary>
    Task<SequenceView> StartAsync();

    Task<SequenceView> GetAsync();

    Task<SequenceView> PauseAsync();

    Task<SequenceView> ResumeAsync();

    /// <summary>Stops for good: status is one of the stop statuses (<see cref="SequenceStatuses"/>).</summary>
    Task<SequenceView> StopAsync(string status, string reason);
}
