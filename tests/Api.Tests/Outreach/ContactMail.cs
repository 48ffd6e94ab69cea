using MimeKit;

namespace RoleFerry.Api.Tests.Outreach;

/// <summary>What a contact's mail server delivers to a sending mailbox: a reply, an out-of-office answer.</summary>
public static class ContactMail
{
    public static MimeMessage Reply(string from, string to, string inReplyTo, string text, string subject = "Re: Quick advice")
    {
        var message = new MimeMessage { Subject = subject, Date = DateTimeOffset.UtcNow, MessageId = $"{Guid.NewGuid():N}@contact.example.test" };
        message.From.Add(new MailboxAddress("Alex Helper", from));
        message.To.Add(MailboxAddress.Parse(to));
        message.InReplyTo = inReplyTo.Trim('<', '>');
        message.References.Add(message.InReplyTo);
        message.Body = new TextPart("plain") { Text = $"{text}\n\nOn Mon, 2 Nov 2026, Ada <{to}> wrote:\n> Hi Alex\n" };
        return message;
    }

    public static MimeMessage OutOfOffice(string from, string to, string inReplyTo, string text)
    {
        var message = Reply(from, to, inReplyTo, text, subject: "Automatic reply: Quick advice");
        message.Headers.Add("Auto-Submitted", "auto-replied");
        return message;
    }
}
