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

    /// <summary>
    /// How many due steps one silo works on at once (<see cref="SendGate"/>); the others wait their turn. The steps in
    /// flight share their statements (<c>StatementCoalescer</c>), so more of them means fewer, larger statements: 512
    /// sent 2,000 due steps 1.9× as fast as 32, and 20,000 1.2× as fast as 256 (BENCHMARKS.md, issue 13). The cost is
    /// what a crash leaves: a step claimed and still waiting for its mailbox's SMTP connection is failed as "outcome
    /// unknown", never resent, and up to this many can be waiting in a burst.
    /// </summary>
    public int MaxConcurrentSends { get; set; } = 512;

    /// <summary>
    /// A sequence whose next wake-up is further away than this (or that nothing will wake: finished, paused) leaves
    /// memory when its wake-up's turn ends, instead of staying until Orleans collects it after 15 idle minutes: a step
    /// sent now waits days for the next one, and at 10,000 steps a minute those idle activations were most of a
    /// silo's heap (BENCHMARKS.md, issue 13). A wake-up closer than this keeps the activation for it.
    /// </summary>
    public TimeSpan KeepActiveWithin { get; set; } = TimeSpan.FromMinutes(15);

    public bool Validate() => WakeUpPeriod > TimeSpan.Zero && MaxConcurrentSends > 0 && KeepActiveWithin >= TimeSpan.Zero;
}
