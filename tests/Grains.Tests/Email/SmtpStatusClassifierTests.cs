using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using RoleFerry.Grains.Email;

namespace RoleFerry.Grains.Tests.Email;

public sealed class SmtpStatusClassifierTests
{
    [Theory]
    [InlineData(421, "4.7.0 Try again later", false, SendOutcomeKind.TransientFailure, false)]
    [InlineData(450, "4.2.0 Greylisted, please retry", true, SendOutcomeKind.TransientFailure, false)]
    [InlineData(452, "4.5.3 Too many recipients", true, SendOutcomeKind.TransientFailure, false)]
    [InlineData(550, "5.1.1 <a@b.test>: Recipient address rejected: User unknown", true, SendOutcomeKind.PermanentFailure, true)]
    [InlineData(550, "Requested action not taken: mailbox unavailable", true, SendOutcomeKind.PermanentFailure, true)]
    [InlineData(550, "No such user here", true, SendOutcomeKind.PermanentFailure, true)]
    [InlineData(550, "No such user here", false, SendOutcomeKind.PermanentFailure, false)]
    [InlineData(550, "5.7.1 <a@b.test>: Relay access denied", true, SendOutcomeKind.PermanentFailure, false)]
    [InlineData(550, "5.7.1 User unknown in our policy list", true, SendOutcomeKind.PermanentFailure, false)]
    [InlineData(553, "5.1.3 Bad recipient address syntax", false, SendOutcomeKind.PermanentFailure, true)]
    [InlineData(550, "5.1.10 Recipient domain has a null MX", true, SendOutcomeKind.PermanentFailure, true)]
    [InlineData(550, "5.1.8 Bad sender's system address", true, SendOutcomeKind.PermanentFailure, false)]
    [InlineData(552, "5.2.2 Mailbox full", true, SendOutcomeKind.PermanentFailure, false)]
    [InlineData(554, "5.7.1 Message rejected", false, SendOutcomeKind.PermanentFailure, false)]
    [InlineData(535, "5.7.8 Authentication credentials invalid", false, SendOutcomeKind.PermanentFailure, false)]
    public void A_reply_code_maps_to_an_outcome(int code, string response, bool recipientRejected, SendOutcomeKind kind, bool hardBounce)
    {
        var outcome = SmtpStatusClassifier.FromReply(code, response, recipientRejected);

        Assert.Equal(new SendOutcome(kind, code, $"{code} {response}", hardBounce), outcome);
    }

    [Fact]
    public void A_rejected_recipient_550_5_1_1_is_a_hard_bounce()
    {
        var error = new SmtpCommandException(
            SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, new MailboxAddress(null, "reject-1@example.test"),
            "5.1.1 <reject-1@example.test>: Recipient address rejected: User unknown");

        var outcome = SmtpStatusClassifier.Classify(error, contentStarted: false);

        Assert.Equal(
            new SendOutcome(SendOutcomeKind.PermanentFailure, 550, "550 5.1.1 <reject-1@example.test>: Recipient address rejected: User unknown", IsHardBounce: true),
            outcome);
    }

    [Fact]
    public void A_550_for_the_sender_is_permanent_but_not_a_bounce_without_a_bad_address_status()
    {
        var error = new SmtpCommandException(
            SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.MailboxUnavailable, new MailboxAddress(null, "mbx1@mail.roleferry.test"), "No such user here");

        Assert.Equal(new SendOutcome(SendOutcomeKind.PermanentFailure, 550, "550 No such user here"), SmtpStatusClassifier.Classify(error, contentStarted: false));
    }

    [Fact]
    public void A_421_is_transient()
    {
        var error = new SmtpCommandException(
            SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.ServiceNotAvailable, new MailboxAddress(null, "tempfail-1@example.test"), "4.7.0 Try again later");

        Assert.Equal(new SendOutcome(SendOutcomeKind.TransientFailure, 421, "421 4.7.0 Try again later"), SmtpStatusClassifier.Classify(error, contentStarted: false));
    }

    [Fact]
    public void A_554_after_the_content_is_permanent_and_not_a_bounce_nor_unknown()
    {
        var error = new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.TransactionFailed, "5.7.1 Message rejected");

        Assert.Equal(new SendOutcome(SendOutcomeKind.PermanentFailure, 554, "554 5.7.1 Message rejected"), SmtpStatusClassifier.Classify(error, contentStarted: true));
    }

    [Fact]
    public void Rejected_credentials_are_the_mailbox_refused_with_the_servers_reply()
    {
        var error = new AuthenticationException(
            "535: 5.7.8 Authentication credentials invalid",
            new SmtpCommandException(SmtpErrorCode.UnexpectedStatusCode, SmtpStatusCode.AuthenticationInvalidCredentials, "5.7.8 Authentication credentials invalid"));

        Assert.Equal(
            SendOutcome.MailboxRefused(535, "535 5.7.8 Authentication credentials invalid"),
            SmtpStatusClassifier.Classify(error, contentStarted: false));
    }

    [Fact]
    public void Authentication_required_is_the_mailbox_refused()
    {
        var error = new ServiceNotAuthenticatedException("5.7.0 Authentication required");

        Assert.Equal(
            SendOutcome.MailboxRefused(530, "530 5.7.0 Authentication required"),
            SmtpStatusClassifier.Classify(error, contentStarted: false));
    }

    [Fact]
    public void A_refused_connection_is_transient()
    {
        var error = new SocketException((int)SocketError.ConnectionRefused);

        var outcome = SmtpStatusClassifier.Classify(error, contentStarted: false);

        Assert.Equal(SendOutcomeKind.TransientFailure, outcome.Kind);
        Assert.Null(outcome.SmtpStatusCode);
        Assert.StartsWith("no SMTP answer before the message content was sent (ConnectionRefused: ", outcome.Message);
        Assert.False(outcome.OutcomeUnknown);
    }

    [Theory]
    [InlineData(typeof(TimeoutException))]
    [InlineData(typeof(OperationCanceledException))]
    public void A_timeout_before_the_content_is_transient(Type exceptionType)
    {
        var error = (Exception)Activator.CreateInstance(exceptionType, "Operation timed out after 1000 milliseconds")!;

        var outcome = SmtpStatusClassifier.Classify(error, contentStarted: false);

        Assert.Equal(new SendOutcome(SendOutcomeKind.TransientFailure, null, "no SMTP answer before the message content was sent (timed out)"), outcome);
    }

    [Fact]
    public void A_socket_error_inside_an_io_error_is_named()
    {
        var error = new IOException("Unable to write data to the transport connection", new SocketException((int)SocketError.ConnectionReset));

        Assert.StartsWith(
            "no SMTP answer before the message content was sent (ConnectionReset: ",
            SmtpStatusClassifier.Classify(error, contentStarted: false).Message);
    }

    [Theory]
    [InlineData(typeof(SmtpProtocolException))]
    [InlineData(typeof(IOException))]
    [InlineData(typeof(ServiceNotConnectedException))]
    public void A_failure_without_a_reply_after_the_content_started_is_an_unknown_outcome_never_retried(Type exceptionType)
    {
        var error = (Exception)Activator.CreateInstance(exceptionType, "connection reset")!;

        var outcome = SmtpStatusClassifier.Classify(error, contentStarted: true);

        Assert.Equal(
            new SendOutcome(
                SendOutcomeKind.PermanentFailure,
                null,
                "outcome unknown: the connection failed after the message content started to leave (connection reset); not resent",
                IsHardBounce: false,
                OutcomeUnknown: true),
            outcome);
    }

    [Fact]
    public void A_timeout_after_the_content_started_is_an_unknown_outcome()
    {
        var outcome = SmtpStatusClassifier.Classify(new TimeoutException("Operation timed out after 1000 milliseconds"), contentStarted: true);

        Assert.True(outcome.OutcomeUnknown);
        Assert.Equal("outcome unknown: the connection failed after the message content started to leave (timed out); not resent", outcome.Message);
    }
}
