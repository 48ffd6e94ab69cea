using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RoleFerry.Grains.Email;
using RoleFerry.Grains.Mailboxes;
using RoleFerry.Data.Tracking;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Email;

/// <summary>
/// Failures without an SMTP answer: retried only when the message content cannot have left, and resent over a
/// new connection by the transport itself only when a kept connection was dead before MAIL FROM was accepted.
/// </summary>
public sealed class SmtpMailTransportFailureTests : IAsyncLifetime
{
    private readonly EmailOptions _options = new() { PublicBaseUrl = "https://roleferry.test", SendTimeout = TimeSpan.FromSeconds(1) };
    private readonly SmtpMailTransport _transport;
    private readonly OutgoingEmail _email;

    public SmtpMailTransportFailureTests()
    {
        _transport = new SmtpMailTransport(Options.Create(_options), TestSecrets.Protector, NullLogger<SmtpMailTransport>.Instance);
        var composer = new EmailComposer(Options.Create(_options), new TrackingTokenCodec(RandomNumberGenerator.GetBytes(32)));
        _email = composer.Compose(new ComposeRequest(1, "mbx1@mail.roleferry.test", "alex@acme.test", "jamie@seeker.test", "Jamie", "Hi", "Hello", "<p>Hello</p>"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>A transport whose send timeout leaves room for a slow, busy test machine (these tests are not about timeouts).</summary>
    private static SmtpMailTransport RoomyTransport() =>
        new(Options.Create(new EmailOptions { SendTimeout = TimeSpan.FromSeconds(10) }), TestSecrets.Protector, NullLogger<SmtpMailTransport>.Instance);

    public async Task DisposeAsync() => await _transport.DisposeAsync();

    private static SmtpSettings Mailbox(int port) => new("mbx1@mail.roleferry.test", "127.0.0.1", port, "", SealedSecret.None, UseTls: false);

    [Fact]
    public async Task A_refused_connection_is_transient()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var outcome = await _transport.SendAsync(Mailbox(closedPort), _email, CancellationToken.None);

        Assert.Equal(SendOutcomeKind.TransientFailure, outcome.Kind);
        Assert.Null(outcome.SmtpStatusCode);
        Assert.StartsWith("no SMTP answer before the message content was sent (ConnectionRefused: ", outcome.Message);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_as_transient()
    {
        await using var server = new ScriptedSmtpServer(ScriptedSmtpBehavior.Silent);

        var outcome = await _transport.SendAsync(Mailbox(server.Port), _email, CancellationToken.None);

        Assert.Equal(new SendOutcome(SendOutcomeKind.TransientFailure, null, "no SMTP answer before the message content was sent (timed out)"), outcome);
    }

    [Fact]
    public async Task A_hang_up_before_the_content_is_transient()
    {
        await using var server = new ScriptedSmtpServer(ScriptedSmtpBehavior.HangUpAtData);

        var outcome = await _transport.SendAsync(Mailbox(server.Port), _email, CancellationToken.None);

        Assert.Equal(SendOutcomeKind.TransientFailure, outcome.Kind);
        Assert.False(outcome.OutcomeUnknown);
        Assert.False(server.ReceivedContent);
    }

    [Fact]
    public async Task A_hang_up_after_the_content_is_an_unknown_outcome_that_is_never_retried()
    {
        await using var server = new ScriptedSmtpServer(ScriptedSmtpBehavior.HangUpAfterContent);

        var outcome = await _transport.SendAsync(Mailbox(server.Port), _email, CancellationToken.None);

        Assert.True(server.ReceivedContent);
        Assert.Equal(SendOutcomeKind.PermanentFailure, outcome.Kind);
        Assert.True(outcome.OutcomeUnknown);
        Assert.False(outcome.IsHardBounce);
        Assert.StartsWith("outcome unknown: the connection failed after the message content started to leave (", outcome.Message);
    }

    [Fact]
    public async Task An_address_that_cannot_be_parsed_is_a_permanent_failure_not_a_bounce()
    {
        var outcome = await _transport.SendAsync(Mailbox(1), _email with { ToAddress = "not an address" }, CancellationToken.None);

        Assert.Equal(SendOutcomeKind.PermanentFailure, outcome.Kind);
        Assert.Null(outcome.SmtpStatusCode);
        Assert.False(outcome.IsHardBounce);
        Assert.StartsWith("the message cannot be built: ", outcome.Message);
    }

    [Fact]
    public async Task A_canceled_send_throws_instead_of_reporting_an_outcome()
    {
        await using var server = new ScriptedSmtpServer(ScriptedSmtpBehavior.Silent);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await using var transport = new SmtpMailTransport(Options.Create(new EmailOptions { SendTimeout = TimeSpan.FromSeconds(30) }), TestSecrets.Protector, NullLogger<SmtpMailTransport>.Instance);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transport.SendAsync(Mailbox(server.Port), _email, cancel.Token));
    }

    [Fact]
    public async Task A_server_that_never_answers_is_given_up_within_the_send_timeout()
    {
        await using var server = new ScriptedSmtpServer(ScriptedSmtpBehavior.Silent);
        var started = System.Diagnostics.Stopwatch.StartNew();

        var outcome = await _transport.SendAsync(Mailbox(server.Port), _email, CancellationToken.None);

        Assert.Equal(SendOutcomeKind.TransientFailure, outcome.Kind);
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_hang_up_at_mail_from_on_a_new_connection_is_transient_and_not_resent()
    {
        await using var server = new ScriptedSmtpServer(ScriptedSmtpBehavior.HangUpAtMailFrom);
        await using var transport = RoomyTransport();

        var outcome = await transport.SendAsync(Mailbox(server.Port), _email, CancellationToken.None);

        Assert.Equal(SendOutcomeKind.TransientFailure, outcome.Kind);
        Assert.Equal(1, server.Connections);
        Assert.Equal(0, server.MessagesAccepted);
    }

    [Fact]
    public async Task A_kept_connection_that_died_before_mail_from_is_replaced_and_the_message_sent_once()
    {
        await using var server = new ScriptedSmtpServer(ScriptedSmtpBehavior.HangUpAtMailFrom, acceptFirst: 1);
        await using var transport = RoomyTransport();

        var first = await transport.SendAsync(Mailbox(server.Port), _email, CancellationToken.None);
        var second = await transport.SendAsync(Mailbox(server.Port), _email, CancellationToken.None);

        Assert.Equal(SendOutcomeKind.Sent, first.Kind);
        Assert.True(second.Kind == SendOutcomeKind.Sent, second.Message);
        Assert.Equal(2, server.Connections);
        Assert.Equal(2, server.MessagesAccepted);
    }

    [Fact]
    public async Task A_kept_connection_lost_after_mail_from_was_accepted_is_not_resent()
    {
        await using var server = new ScriptedSmtpServer(ScriptedSmtpBehavior.HangUpAtData, acceptFirst: 1);
        await using var transport = RoomyTransport();

        var first = await transport.SendAsync(Mailbox(server.Port), _email, CancellationToken.None);
        var second = await transport.SendAsync(Mailbox(server.Port), _email, CancellationToken.None);

        Assert.Equal(SendOutcomeKind.Sent, first.Kind);
        Assert.Equal(SendOutcomeKind.TransientFailure, second.Kind);
        Assert.False(second.OutcomeUnknown);
        Assert.Equal(1, server.Connections);
        Assert.Equal(1, server.MessagesAccepted);
    }

    [Fact]
    public async Task A_kept_connection_lost_after_the_content_is_an_unknown_outcome_and_not_resent()
    {
        await using var server = new ScriptedSmtpServer(ScriptedSmtpBehavior.HangUpAfterContent, acceptFirst: 1);
        await using var transport = RoomyTransport();

        var first = await transport.SendAsync(Mailbox(server.Port), _email, CancellationToken.None);
        var second = await transport.SendAsync(Mailbox(server.Port), _email, CancellationToken.None);

        Assert.Equal(SendOutcomeKind.Sent, first.Kind);
        Assert.True(server.ReceivedContent);
        Assert.True(second.OutcomeUnknown);
        Assert.Equal(SendOutcomeKind.PermanentFailure, second.Kind);
        Assert.Equal(1, server.Connections);
        Assert.Equal(1, server.MessagesAccepted);
    }

    [Fact]
    public async Task After_a_failure_the_next_send_opens_a_new_connection()
    {
        await using var server = new ScriptedSmtpServer(ScriptedSmtpBehavior.HangUpAtData);
        await using var transport = RoomyTransport();

        var first = await transport.SendAsync(Mailbox(server.Port), _email, CancellationToken.None);
        var second = await transport.SendAsync(Mailbox(server.Port), _email, CancellationToken.None);

        Assert.Equal(SendOutcomeKind.TransientFailure, first.Kind);
        Assert.Equal(SendOutcomeKind.Sent, second.Kind);
        Assert.Equal(2, server.Connections);
    }
}
