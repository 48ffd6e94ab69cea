using RoleFerry.Grains.Email;

namespace RoleFerry.Grains.Sequences;

/// <summary>What SMTP answered for a claimed step, with what is needed to record it (when it happened, on which reservation).</summary>
internal sealed record UnrecordedOutcome(
    SendOutcome Outcome, long MailboxId, long ReservationId, long OutreachId, int Attempts, DateTimeOffset At);
