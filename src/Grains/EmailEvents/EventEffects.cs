namespace RoleFerry.Grains.EmailEvents;

/// <summary>What an applied event asks of the grains once its transaction committed.</summary>
public sealed record EventEffects(
    IReadOnlyList<long> SequencesToStop,
    string? StopStatus,
    string? StopReason,
    bool MailboxBounce,
    bool MailboxSpam)
{
    public static readonly EventEffects None = new([], null, null, false, false);

    /// <summary>The message the event was about.</summary>
    public SentMessage? Message { get; init; }
}
