using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;
using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Mailboxes;
using RoleFerry.Grains.Security;

namespace RoleFerry.Grains.Email;

/// <summary>
/// One mailbox's SMTP connection (DESIGN §6), for one <see cref="SmtpSettings"/> value: connected and
/// authenticated on first use, kept open and reused by the next sends, one send at a time. It is dropped after
/// any failure that may have left the protocol state unknown (a rejected command after which MailKit's RSET
/// succeeded keeps it), and closed with QUIT once it has been idle for <see cref="EmailOptions.SmtpIdleTimeout"/>
/// (a timer, and a check before each reuse). A kept connection the server had already closed fails the next send
/// before MAIL FROM is accepted: that send is made once more over a new connection (the message cannot have
/// left). <see cref="EmailOptions.SendTimeout"/> bounds a whole send, waiting for the connection included.
/// </summary>
internal sealed class SmtpConnection : IAsyncDisposable
{
    /// <summary>How long a QUIT may take when a connection is closed.</summary>
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Timer _idleTimer;
    private readonly TimeSpan _sendTimeout;
    private readonly TimeSpan _idleTimeout;
    private readonly ILogger _logger;
    private readonly SecretProtector _secrets;

    // Guarded by _gate.
    private ProbingSmtpClient? _client;
    private long _lastUsed;
    private bool _closed;

    public SmtpConnection(SmtpSettings settings, EmailOptions options, SecretProtector secrets, ILogger logger)
    {
        Settings = settings;
        _secrets = secrets;
        _sendTimeout = options.SendTimeout;
        _idleTimeout = options.SmtpIdleTimeout;
        _logger = logger;
        _idleTimer = new Timer(_ => _ = CloseIfIdleAsync(), null, Timeout.Infinite, Timeout.Infinite);
    }

    public SmtpSettings Settings { get; }

    /// <summary>
    /// Sends <paramref name="message"/> and reports the outcome; <see langword="null"/> when this connection was
    /// closed for good before the send could start (the caller then takes the mailbox's current connection).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async Task<SendOutcome?> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_sendTimeout);
        try
        {
            await _gate.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SendOutcome.Transient(null, "no SMTP answer before the message content was sent (timed out waiting for the mailbox's connection)");
        }

        try
        {
            if (_closed)
            {
                return null;
            }

            if (_client is not null && IdleFor() >= _idleTimeout)
            {
                await CloseClientAsync(quit: true, "idle").ConfigureAwait(false);
            }

            var attempt = await AttemptAsync(message, deadline.Token, cancellationToken).ConfigureAwait(false);
            if (attempt.ResendOnNewConnection)
            {
                _logger.LogInformation("The kept SMTP connection for {Smtp} was dead before MAIL FROM ({Outcome}); sending over a new connection", Settings, attempt.Outcome.Message);
                attempt = await AttemptAsync(message, deadline.Token, cancellationToken).ConfigureAwait(false);
            }

            return attempt.Outcome;
        }
        finally
        {
            _lastUsed = Environment.TickCount64;
            if (_client is not null)
            {
                _idleTimer.Change(_idleTimeout, Timeout.InfiniteTimeSpan);
            }

            _gate.Release();
        }
    }

    /// <summary>Closes the connection (QUIT) once a running send has ended; later sends get <see langword="null"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _closed = true;
            await CloseClientAsync(quit: true, "closing").ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        await _idleTimer.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>One try over the kept connection, or over a new one when there is none.</summary>
    private async Task<Attempt> AttemptAsync(MimeMessage message, CancellationToken deadline, CancellationToken cancellationToken)
    {
        var probe = new SmtpSendProbe();
        var kept = _client is { IsConnected: true };
        try
        {
            var client = kept ? _client! : await ConnectAsync(deadline).ConfigureAwait(false);
            client.Probe = probe;
            try
            {
                await client.SendAsync(message, deadline, probe).ConfigureAwait(false);
            }
            finally
            {
                client.Probe = null;
            }

            return new Attempt(SendOutcome.Success($"accepted by {Settings.Host}:{Settings.Port}"), ResendOnNewConnection: false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CloseClientAsync(quit: false, "canceled").ConfigureAwait(false);
            throw;
        }
        catch (Exception e) when (IsSendFailure(e))
        {
            if (!LeavesConnectionUsable(e))
            {
                await CloseClientAsync(quit: false, "failed").ConfigureAwait(false);
            }

            return new Attempt(
                SmtpStatusClassifier.Classify(e, probe.ContentStarted),
                ResendOnNewConnection: kept && !probe.SenderAccepted && IsDeadConnection(e));
        }
    }

    private async Task<ProbingSmtpClient> ConnectAsync(CancellationToken deadline)
    {
        await CloseClientAsync(quit: false, "reconnecting").ConfigureAwait(false);
        var client = new ProbingSmtpClient { Timeout = (int)_sendTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(Settings.Host, Settings.Port, SocketOptions(Settings), deadline).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(Settings.Username))
            {
                if (!client.Capabilities.HasFlag(SmtpCapabilities.Authentication))
                {
                    // MailKit would say NotSupportedException, which reads as a network fault: it is the mailbox's.
                    throw new AuthenticationException($"the server offers no authentication (AUTH) to log {Settings.Username} in");
                }

                await client.AuthenticateAsync(Settings.Username, _secrets.Unseal(Settings.Password), deadline).ConfigureAwait(false);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        _logger.LogDebug("Opened an SMTP connection to {Smtp}", Settings);
        _client = client;
        return client;
    }

    /// <summary>Timer callback: closes the connection when it is still idle and no send holds it.</summary>
    private async Task CloseIfIdleAsync()
    {
        if (!await _gate.WaitAsync(0).ConfigureAwait(false))
        {
            return; // a send is running; it re-arms the timer when it ends
        }

        try
        {
            if (_closed || _client is null)
            {
                return;
            }

            var idle = IdleFor();
            if (idle < _idleTimeout)
            {
                _idleTimer.Change(_idleTimeout - idle, Timeout.InfiniteTimeSpan);
                return;
            }

            await CloseClientAsync(quit: true, "idle").ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops the client: QUIT first when asked and it is still connected. Never throws.</summary>
    private async Task CloseClientAsync(bool quit, string reason)
    {
        var client = _client;
        _client = null;
        if (client is null)
        {
            return;
        }

        try
        {
            if (quit && client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(QuitTimeout);
                await client.DisconnectAsync(quit: true, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (IsSendFailure(e))
        {
            _logger.LogDebug("QUIT to {Smtp} failed: {Error}", Settings, e.Message);
        }
        finally
        {
            client.Dispose();
        }

        _logger.LogDebug("Closed the SMTP connection to {Smtp} ({Reason})", Settings, reason);
    }

    private TimeSpan IdleFor() => TimeSpan.FromMilliseconds(Environment.TickCount64 - _lastUsed);

    /// <summary>TLS: implicit on port 465, else STARTTLS (required); without TLS, plain SMTP.</summary>
    private static SecureSocketOptions SocketOptions(SmtpSettings settings) =>
        !settings.UseTls ? SecureSocketOptions.None
        : settings.Port == 465 ? SecureSocketOptions.SslOnConnect
        : SecureSocketOptions.StartTls;

    /// <summary>A failure of the SMTP exchange or the network (anything else is a bug and propagates).</summary>
    private static bool IsSendFailure(Exception e) =>
        e is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException
            or AuthenticationException or SslHandshakeException or IOException or SocketException or TimeoutException
            or OperationCanceledException or NotSupportedException;

    /// <summary>A rejected command after which MailKit reset the transaction (RSET) and is still connected; not a 421 (closing).</summary>
    private bool LeavesConnectionUsable(Exception e) =>
        e is SmtpCommandException { StatusCode: not SmtpStatusCode.ServiceNotAvailable } && _client is { IsConnected: true };

    /// <summary>The connection was gone (closed, reset, or the server's 421 on closing) rather than the message refused.</summary>
    private static bool IsDeadConnection(Exception e) =>
        e is SmtpProtocolException or IOException or SocketException or ServiceNotConnectedException
        || e is SmtpCommandException { ErrorCode: SmtpErrorCode.SenderNotAccepted, StatusCode: SmtpStatusCode.ServiceNotAvailable };

    private readonly record struct Attempt(SendOutcome Outcome, bool ResendOnNewConnection);
}
