namespace RoleFerry.Grains.Email;

/// <summary>
/// What one SMTP send came to. <see cref="SmtpStatusCode"/> is the server's reply code when it gave one.
/// <see cref="IsHardBounce"/>: the server rejected the recipient address itself (5.1.1 "user unknown", ...).
/// <see cref="OutcomeUnknown"/>: the connection failed after the message content had started to leave, so the
/// message may have been delivered; reported as a permanent failure so that it is never resent (DESIGN §4.1).
/// </summary>
public sealed record SendOutcome(
    SendOutcomeKind Kind,
    int? SmtpStatusCode,
    string Message,
    bool IsHardBounce = false,
    bool OutcomeUnknown = false)
{
    public static SendOutcome Success(string message) => new(SendOutcomeKind.Sent, null, message);

    public static SendOutcome Transient(int? statusCode, string message) => new(SendOutcomeKind.TransientFailure, statusCode, message);

    public static SendOutcome Permanent(int? statusCode, string message, bool isHardBounce = false) =>
        new(SendOutcomeKind.PermanentFailure, statusCode, message, isHardBounce);

    public static SendOutcome MailboxRefused(int? statusCode, string message) =>
        new(SendOutcomeKind.MailboxRefused, statusCode, $"the SMTP server did not log the mailbox in: {message}");

    public static SendOutcome Unknown(string message) =>
        new(SendOutcomeKind.PermanentFailure, null, $"outcome unknown: {message}; not resent", OutcomeUnknown: true);
}
