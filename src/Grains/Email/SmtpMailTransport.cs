using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RoleFerry.Grains.Interfaces.Mailboxes;

namespace RoleFerry.Grains.Email;

/// <summary>
/// Sends through System.Net.Mail.SmtpClient, a new client (and connection) per send: multipart/alternative with
/// a text/plain and a text/html part (UTF-8, quoted-printable), our Message-ID, Reply-To and the extra headers.
/// Failures become outcomes (<see cref="SmtpStatusClassifier"/>). The password is never logged.
/// </summary>
public sealed class SmtpMailTransport(IOptions<EmailOptions> options, ILogger<SmtpMailTransport> logger) : IMailTransport
{
    public async Task<SendOutcome> SendAsync(SmtpSettings settings, OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(email);
        var probe = new ContentSentProbe();
        SendOutcome outcome;
        MailMessage message;
        try
        {
            message = CreateMessage(email, probe);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            outcome = SendOutcome.Permanent(null, $"the message cannot be built: {e.Message}");
            Log(settings, email, outcome);
            return outcome;
        }

        using (message)
        {
            outcome = await DeliverAsync(settings, message, probe, cancellationToken);
        }

        Log(settings, email, outcome);
        return outcome;
    }

    private async Task<SendOutcome> DeliverAsync(SmtpSettings settings, MailMessage message, ContentSentProbe probe, CancellationToken cancellationToken)
    {
        var timeout = options.Value.SendTimeout;
        using var client = new SmtpClient(settings.Host, settings.Port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = settings.UseTls,
            Timeout = (int)timeout.TotalMilliseconds,
            UseDefaultCredentials = false,
        };
        if (!string.IsNullOrEmpty(settings.Username))
        {
            client.Credentials = new NetworkCredential(settings.Username, settings.Password);
        }

        // SmtpClient enforces Timeout itself; this is a backstop in case a step of it does not.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout + TimeSpan.FromSeconds(5));
        try
        {
            await client.SendMailAsync(message, deadline.Token);
            return SendOutcome.Success($"accepted by {settings.Host}:{settings.Port}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is SmtpException or IOException or System.Net.Sockets.SocketException or TimeoutException or OperationCanceledException)
        {
            return SmtpStatusClassifier.Classify(e, probe.Started);
        }
    }

    /// <summary>The MIME message for <paramref name="email"/>; its body streams report to <paramref name="probe"/> when read.</summary>
    internal static MailMessage CreateMessage(OutgoingEmail email, ContentSentProbe probe)
    {
        var message = new MailMessage
        {
            From = new MailAddress(email.FromAddress, email.FromName, Encoding.UTF8),
            Subject = email.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        try
        {
            message.To.Add(new MailAddress(email.ToAddress, email.ToName, Encoding.UTF8));
            message.ReplyToList.Add(new MailAddress(email.ReplyToAddress, email.ReplyToName, Encoding.UTF8));
            message.Headers.Add(EmailHeaders.MessageId, $"<{email.MessageId}>");
            foreach (var (name, value) in email.Headers)
            {
                message.Headers.Add(name, value);
            }

            message.AlternateViews.Add(View(email.TextBody, MediaTypeNames.Text.Plain, probe));
            message.AlternateViews.Add(View(email.HtmlBody, MediaTypeNames.Text.Html, probe));
            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    private static AlternateView View(string content, string mediaType, ContentSentProbe probe)
    {
        var bytes = Encoding.UTF8.GetBytes(content.ReplaceLineEndings("\r\n"));
        return new AlternateView(probe.Watch(bytes), new ContentType(mediaType) { CharSet = Encoding.UTF8.WebName })
        {
            TransferEncoding = TransferEncoding.QuotedPrintable,
        };
    }

    private void Log(SmtpSettings settings, OutgoingEmail email, SendOutcome outcome)
    {
        if (outcome.Kind == SendOutcomeKind.Sent)
        {
            logger.LogInformation("Sent {MessageId} via {Smtp}", email.MessageId, settings);
        }
        else
        {
            logger.LogWarning("Sending {MessageId} via {Smtp}: {Kind} ({Outcome})", email.MessageId, settings, outcome.Kind, outcome.Message);
        }
    }
}
