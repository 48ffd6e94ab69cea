namespace RoleFerry.Grains.Sequences;

/// <summary>How sequence grains are woken (configuration section <c>RoleFerry:Sequences</c>).</summary>
public sealed class SequenceOptions
{
    public const string SectionName = "RoleFerry:Sequences";

    /// <summary>
    /// The period of a sequence's wake-up reminder. Its first tick is the step's due time; a tick missed while no
    /// silo held the reminder (Orleans skips those) is made up by the next one, so a step due during an outage goes
    /// out at most one period after the reminder is back. Orleans refuses periods under its
    /// <c>ReminderOptions.MinimumReminderPeriod</c> (1 minute by default).
    /// </summary>
    public TimeSpan WakeUpPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many due steps one silo works on at once (<see cref="SendGate"/>); the others wait their turn.</summary>
    public int MaxConcurrentSends { get; set; } = 32;

    public bool Validate() => WakeUpPeriod > TimeSpan.Zero && MaxConcurrentSends > 0;
}
