using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Mailboxes;

namespace RoleFerry.Grains.Email;

/// <summary>Sends one email through a mailbox's SMTP server.</summary>
public interface IMailTransport
{
    /// <summary>
    /// Sends <paramref name="email"/> and reports the outcome; SMTP and network failures are outcomes, not
    /// exceptions. Throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is
    /// canceled (the outcome is then unknown to the caller).
    /// </summary>
    Task<SendOutcome> SendAsync(SmtpSettings settings, OutgoingEmail email, CancellationToken cancellationToken);
}
