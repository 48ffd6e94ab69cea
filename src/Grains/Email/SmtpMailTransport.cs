using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Mailboxes;
using RoleFerry.Grains.Security;

namespace RoleFerry.Grains.Email;

/// <summary>
/// Sends through MailKit over one kept-open connection per mailbox (<see cref="SmtpConnection"/>, keyed by the
/// <see cref="SmtpSettings"/> value: changed credentials are used from the next connection). The message is
/// built by MimeKit (<see cref="OutgoingMimeMessage"/>). Failures become outcomes (<see cref="SmtpStatusClassifier"/>).
/// A singleton: disposing it closes every connection with QUIT. The password arrives sealed and is decrypted only to
/// log in (<see cref="SecretProtector.Unseal"/>); it is never logged.
/// </summary>
public sealed class SmtpMailTransport(IOptions<EmailOptions> options, SecretProtector secrets, ILogger<SmtpMailTransport> logger)
    : IMailTransport, IAsyncDisposable, IDisposable
{
    private readonly Dictionary<SmtpSettings, SmtpConnection> _connections = [];
    private bool _disposed;

    public async Task<SendOutcome> SendAsync(SmtpSettings settings, OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(email);
        MimeMessage message;
        try
        {
            message = OutgoingMimeMessage.Create(email, DateTimeOffset.UtcNow);
        }
        catch (FormatException e)
        {
            return Log(settings, email, SendOutcome.Permanent(null, $"the message cannot be built: {e.Message}"));
        }

        using (message)
        {
            while (true)
            {
                if (await Connection(settings).SendAsync(message, cancellationToken) is { } outcome)
                {
                    return Log(settings, email, outcome);
                }
            }
        }
    }

    /// <summary>Closes every connection (QUIT), after the sends in progress.</summary>
    public async ValueTask DisposeAsync()
    {
        List<SmtpConnection> connections;
        lock (_connections)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            connections = [.. _connections.Values];
            _connections.Clear();
        }

        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
    }

    /// <summary>For a synchronously disposed container: the same as <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => Task.Run(() => DisposeAsync().AsTask()).GetAwaiter().GetResult();

    /// <summary>
    /// The connection for <paramref name="settings"/>, made when missing. A new one retires the connections of
    /// the same login (address, host, port, username) with other settings, e.g. the password before a change,
    /// so that a mailbox holds at most one connection.
    /// </summary>
    private SmtpConnection Connection(SmtpSettings settings)
    {
        List<SmtpConnection> retired = [];
        SmtpConnection? connection;
        lock (_connections)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_connections.TryGetValue(settings, out connection))
            {
                foreach (var other in _connections.Keys.Where(k => SameLogin(k, settings)).ToList())
                {
                    retired.Add(_connections[other]);
                    _connections.Remove(other);
                }

                connection = new SmtpConnection(settings, options.Value, secrets, logger);
                _connections.Add(settings, connection);
            }
        }

        foreach (var old in retired)
        {
            _ = RetireAsync(old);
        }

        return connection;
    }

    private async Task RetireAsync(SmtpConnection connection)
    {
        await connection.DisposeAsync();
        logger.LogInformation("Closed the SMTP connection for {Smtp}: the mailbox's settings changed", connection.Settings);
    }

    private static bool SameLogin(SmtpSettings a, SmtpSettings b) =>
        string.Equals(a.FromEmail, b.FromEmail, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port
        && string.Equals(a.Username, b.Username, StringComparison.Ordinal);

    private SendOutcome Log(SmtpSettings settings, OutgoingEmail email, SendOutcome outcome)
    {
        if (outcome.Kind == SendOutcomeKind.Sent)
        {
            logger.LogInformation("Sent {MessageId} via {Smtp}", email.MessageId, settings);
        }
        else
        {
            logger.LogWarning("Sending {MessageId} via {Smtp}: {Kind} ({Outcome})", email.MessageId, settings, outcome.Kind, outcome.Message);
        }

        return outcome;
    }
}
