namespace RoleFerry.Grains.Interfaces.Sequences;

/// <summary>
/// One enrolled contact's sequence (key: sequence_instances.id). Sends each step when it is due (a reminder wakes
/// it), keeps every step on step 1's mailbox while it stays eligible, stops on reply, bounce, opt-out,
/// unsubscribe or cancel. What the API may call; enrollment starts it and the engine's grains stop, park and wake
/// it through the grain's second, internal interface (<c>ISequenceEngineGrain</c> in RoleFerry.Grains).
/// </summary>
[Alias("RoleFerry.ISequenceGrain")]
public interface ISequenceGrain : IGrainWithIntegerKey
{
    [Alias("Get")]
    Task<SequenceView> GetAsync();

    [Alias("Pause")]
    Task<SequenceView> PauseAsync();

    [Alias("Resume")]
    Task<SequenceView> ResumeAsync();

    /// <summary>Stops for good: status is one of the stop statuses (<see cref="SequenceStatuses"/>).</summary>
    [Alias("Stop")]
    Task<SequenceView> StopAsync(string status, string reason);
}
