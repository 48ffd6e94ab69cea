using System.Net.Sockets;
using System.Text.RegularExpressions;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace RoleFerry.Grains.Email;

/// <summary>
/// Maps SMTP answers and failures to a <see cref="SendOutcome"/> (DESIGN §6): a login the server refused or cannot
/// do (AUTH rejected, none offered, 530 authentication required) → the mailbox refused; a 4xx reply → transient; a 5xx
/// reply → permanent, a hard bounce when it rejects the recipient address (5.1.1 "user unknown", ...); no reply
/// at all (refused, reset, timeout, a protocol error) → transient while the message content had not started to
/// leave, else "outcome unknown" (permanent, never resent).
/// </summary>
public static partial class SmtpStatusClassifier
{
    /// <summary>The outcome of a failed MailKit send (connect, authenticate or the SMTP transaction).</summary>
    /// <param name="contentStarted">Whether the message content had started to be written (after DATA was accepted).</param>
    public static SendOutcome Classify(Exception exception, bool contentStarted)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is AuthenticationException or ServiceNotAuthenticatedException)
        {
            return Reply(exception) is { } refusal && HasReply(refusal.StatusCode)
                ? SendOutcome.MailboxRefused((int)refusal.StatusCode, $"{(int)refusal.StatusCode} {refusal.Message.Trim()}")
                : SendOutcome.MailboxRefused(null, exception.Message);
        }

        if (Reply(exception) is { } reply && HasReply(reply.StatusCode))
        {
            return FromReply((int)reply.StatusCode, reply.Message.Trim(), recipientRejected: reply.ErrorCode == SmtpErrorCode.RecipientNotAccepted);
        }

        var reason = Describe(exception);
        return contentStarted
            ? SendOutcome.Unknown($"the connection failed after the message content started to leave ({reason})")
            : SendOutcome.Transient(null, $"no SMTP answer before the message content was sent ({reason})");
    }

    /// <summary>The outcome of an error reply from the server (it definitely did not take the message).</summary>
    public static SendOutcome FromReply(int statusCode, string serverResponse, bool recipientRejected)
    {
        var message = $"{statusCode} {serverResponse}".Trim();
        return statusCode switch
        {
            >= 400 and < 500 => SendOutcome.Transient(statusCode, message),
            >= 500 and < 600 => SendOutcome.Permanent(statusCode, message, IsHardBounce(statusCode, serverResponse, recipientRejected)),
            _ => SendOutcome.Permanent(statusCode, $"unexpected SMTP reply: {message}"),
        };
    }

    /// <summary>
    /// True when a 5xx reply says the recipient address does not exist: an enhanced status 5.1.1 (bad mailbox),
    /// 5.1.2 (bad domain), 5.1.3 (bad syntax), 5.1.6 (moved) or 5.1.10 (null MX); or, for a rejected recipient
    /// answered 550/551/553, words such as "user unknown", "no such user", "mailbox unavailable".
    /// </summary>
    public static bool IsHardBounce(int statusCode, string serverResponse, bool recipientRejected)
    {
        if (statusCode is < 500 or >= 600)
        {
            return false;
        }

        if (BadAddressStatus().IsMatch(serverResponse))
        {
            return true;
        }

        return recipientRejected && statusCode is 550 or 551 or 553 && !EnhancedStatus().IsMatch(serverResponse)
            && UnknownRecipientWords().IsMatch(serverResponse);
    }

    /// <summary>
    /// The server's error reply carried by <paramref name="exception"/>: a rejected command, a rejected AUTH
    /// (MailKit wraps that reply in an <see cref="AuthenticationException"/>), or a 530 "authentication required"
    /// (MailKit turns that one into a <see cref="ServiceNotAuthenticatedException"/>).
    /// </summary>
    private static SmtpCommandException? Reply(Exception exception) => exception switch
    {
        SmtpCommandException command => command,
        AuthenticationException { InnerException: SmtpCommandException command } => command,
        ServiceNotAuthenticatedException notAuthenticated =>
            new SmtpCommandException(SmtpErrorCode.UnexpectedStatusCode, SmtpStatusCode.AuthenticationRequired, notAuthenticated.Message),
        _ => null,
    };

    /// <summary>True for an error reply (4xx or 5xx), not a status MailKit made up nor an odd positive one.</summary>
    private static bool HasReply(SmtpStatusCode code) => (int)code is >= 400 and < 600;

    /// <summary>What went wrong, for the outcome message: the innermost socket error or timeout, else the message.</summary>
    private static string Describe(Exception exception)
    {
        var root = exception;
        while (root is IOException or AuthenticationException && root.InnerException is not null)
        {
            root = root.InnerException;
        }

        return root switch
        {
            TimeoutException or OperationCanceledException => "timed out",
            SocketException { SocketErrorCode: SocketError.TimedOut } => "timed out",
            SocketException socket => $"{socket.SocketErrorCode}: {socket.Message}",
            _ => root.Message,
        };
    }

    [GeneratedRegex(@"(?<![\d.])5\.1\.(?:1|2|3|6|10)(?![\d.])", RegexOptions.CultureInvariant)]
    private static partial Regex BadAddressStatus();

    [GeneratedRegex(@"(?<![\d.])[245]\.\d{1,3}\.\d{1,3}(?![\d.])", RegexOptions.CultureInvariant)]
    private static partial Regex EnhancedStatus();

    [GeneratedRegex(@"user unknown|unknown user|no such user|recipient unknown|unknown recipient|mailbox unavailable|mailbox not found|no such mailbox|does not exist|invalid recipient", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnknownRecipientWords();
}
