using MailKit.Net.Smtp;
using MimeKit;

namespace RoleFerry.Grains.Email;

/// <summary>A MailKit <see cref="SmtpClient"/> that tells the current send's <see cref="Probe"/> when MAIL FROM was accepted.</summary>
internal sealed class ProbingSmtpClient : SmtpClient
{
    /// <summary>The probe of the send in progress (the connection runs one send at a time).</summary>
    public SmtpSendProbe? Probe { get; set; }

    protected override void OnSenderAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
    {
        Probe?.MarkSenderAccepted();
        base.OnSenderAccepted(message, mailbox, response);
    }
}
