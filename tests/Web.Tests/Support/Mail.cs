using System.Net.Http.Headers;
using System.Net.Http.Json;
using MimeKit;
using RoleFerry.Testing;

namespace RoleFerry.Web.Tests.Support;

/// <summary>
/// The mail side of the journeys: a sending mailbox on the SMTP sink of ./test.sh that RoleFerry reads over the
/// test Dovecot (added through the API by the admin), and the reply a contact's mail server delivers to it.
/// </summary>
public static class Mail
{
    /// <summary>A mailbox (active, no warm-up) whose SMTP is the sink and whose INBOX is a new Dovecot account.</summary>
    public static async Task<ImapAccount> NewReadMailboxAsync(SiloProcess silo)
    {
        var account = ImapServer.NewAccount();
        using var http = silo.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/mailboxes")
        {
            Content = JsonContent.Create(new
            {
                email = account.Address,
                domain = "mail.roleferry.test",
                smtpHost = SmtpSink.Host,
                smtpPort = SmtpSink.Port,
                smtpUsername = account.Address,
                smtpPassword = "smtp-secret-value",
                useTls = false,
                dailyCap = 500,
                warmupEnabled = false,
                minGapSeconds = 0,
                imapHost = ImapServer.Host,
                imapPort = ImapServer.Port,
                imapUsername = account.Address,
                imapPassword = account.Password,
                imapUseTls = false,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await WebSilo.AdminTokenAsync(silo));
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"adding the mailbox: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return account;
    }

    /// <summary>A genuine reply from <paramref name="contact"/> to the email <paramref name="answered"/>, delivered to the mailbox it came from.</summary>
    public static Task<long> ReplyAsync(ImapAccount mailbox, SinkMessage answered, string contact, string text)
    {
        var message = new MimeMessage { Subject = "Re: " + answered.Header("Subject"), Date = DateTimeOffset.UtcNow, MessageId = $"{Guid.NewGuid():N}@contact.example.test" };
        message.From.Add(new MailboxAddress("Grace Recruiter", contact));
        message.To.Add(MailboxAddress.Parse(mailbox.Address));
        message.InReplyTo = answered.Header("Message-ID").Trim('<', '>');
        message.References.Add(message.InReplyTo);
        message.Body = new TextPart("plain") { Text = $"{text}\n\nOn Monday you wrote:\n> Hi Grace\n" };
        return ImapServer.AppendAsync(mailbox, message);
    }
}
