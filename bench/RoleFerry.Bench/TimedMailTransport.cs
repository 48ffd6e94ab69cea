using System.Diagnostics;
using RoleFerry.Grains.Email;
using RoleFerry.Grains.Mailboxes;

namespace RoleFerry.Bench;

/// <summary>
/// Section 2's SMTP case: the product's transport (<see cref="SmtpMailTransport"/>: MailKit, one kept-open connection
/// per mailbox) with the time of each send around it, from the call to the outcome (message built, sent, answered).
/// </summary>
public sealed class TimedMailTransport(IMailTransport inner, Latencies sends) : IMailTransport
{
    public async Task<SendOutcome> SendAsync(SmtpSettings settings, OutgoingEmail email, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.SendAsync(settings, email, cancellationToken);
        }
        finally
        {
            sends.Add(Stopwatch.GetTimestamp() - started);
        }
    }
}
