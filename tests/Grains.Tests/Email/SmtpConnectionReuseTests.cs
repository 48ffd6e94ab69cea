using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RoleFerry.Grains.Email;
using RoleFerry.Grains.Mailboxes;
using RoleFerry.Data.Tracking;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Email;

/// <summary>
/// One kept-open connection per mailbox, proven from the server side: the real test SMTP server numbers its
/// connections (<c>X-Connection</c> in each message, <c>connections.log</c> for open/QUIT/close).
/// </summary>
public sealed class SmtpConnectionReuseTests : IAsyncLifetime
{
    private readonly EmailOptions _options = new() { PublicBaseUrl = "https://roleferry.test", SendTimeout = TimeSpan.FromSeconds(10) };
    private readonly EmailComposer _composer;
    private SmtpMailTransport _transport;

    public SmtpConnectionReuseTests()
    {
        _composer = new EmailComposer(Options.Create(_options), new TrackingTokenCodec(RandomNumberGenerator.GetBytes(32)));
        _transport = NewTransport();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _transport.DisposeAsync();

    private SmtpMailTransport NewTransport() => new(Options.Create(_options), TestSecrets.Protector, NullLogger<SmtpMailTransport>.Instance);

    private static SmtpSettings Mailbox(string from = "mbx1@mail.roleferry.test", string password = "s3cret-password") =>
        new(from, SmtpSink.Host, SmtpSink.Port, $"login-{from}", TestSecrets.Seal(password), UseTls: false);

    private static string Address(string prefix) => $"{prefix}{Guid.NewGuid():N}@example.test";

    private OutgoingEmail Compose(string from, string to) =>
        _composer.Compose(new ComposeRequest(7, from, to, "jamie@seeker.test", "Jamie Seeker", "Hello", "Hi there", "<p>Hi there</p>"));

    /// <summary>Sends one email to a fresh <paramref name="prefix"/> address and returns the connection it arrived over.</summary>
    private async Task<int> SendAsync(SmtpSettings mailbox, string prefix = "ok-")
    {
        var to = Address(prefix);
        var outcome = await _transport.SendAsync(mailbox, Compose(mailbox.FromEmail, to), CancellationToken.None);
        Assert.Equal(SendOutcomeKind.Sent, outcome.Kind);
        return SmtpConnectionLog.ConnectionOf(Assert.Single(await SmtpSink.WaitForAsync(to, 1)));
    }

    [Fact]
    public async Task Sends_through_one_mailbox_share_one_connection()
    {
        var connections = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            connections.Add(await SendAsync(Mailbox()));
        }

        var connection = Assert.Single(connections.Distinct());
        Assert.Equal(["open"], SmtpConnectionLog.Events(connection));
    }

    [Fact]
    public async Task Concurrent_sends_through_one_mailbox_take_turns_on_its_one_connection()
    {
        var connections = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SendAsync(Mailbox())));

        Assert.Single(connections.Distinct());
    }

    [Fact]
    public async Task Each_mailbox_has_its_own_connection()
    {
        var first = Mailbox("mbx1@mail.roleferry.test");
        var second = Mailbox("mbx2@mail.roleferry.test");

        var connections = new List<(string Mailbox, int Connection)>();
        for (var i = 0; i < 3; i++)
        {
            connections.Add((first.FromEmail, await SendAsync(first)));
            connections.Add((second.FromEmail, await SendAsync(second)));
        }

        var perMailbox = connections.GroupBy(c => c.Mailbox).ToDictionary(g => g.Key, g => Assert.Single(g.Select(c => c.Connection).Distinct()));
        Assert.NotEqual(perMailbox[first.FromEmail], perMailbox[second.FromEmail]);
    }

    [Fact]
    public async Task A_changed_password_is_used_from_a_new_connection_and_the_old_one_is_closed()
    {
        var before = await SendAsync(Mailbox(password: "old-password"));
        var after = await SendAsync(Mailbox(password: "new-password"));
        var again = await SendAsync(Mailbox(password: "new-password"));

        Assert.NotEqual(before, after);
        Assert.Equal(after, again);
        Assert.Equal(["open", "quit", "closed"], await SmtpConnectionLog.WaitForAsync(before, "closed"));
        Assert.Equal(["open"], SmtpConnectionLog.Events(after));
    }

    [Theory]
    [InlineData("drop-")]
    [InlineData("drop421-")]
    public async Task A_connection_the_server_dropped_is_reopened_transparently(string prefix)
    {
        var dropped = await SendAsync(Mailbox(), prefix);
        Assert.Equal(["open", "dropped", "closed"], await SmtpConnectionLog.WaitForAsync(dropped, "closed"));

        var to = Address("ok-");
        var outcome = await _transport.SendAsync(Mailbox(), Compose(Mailbox().FromEmail, to), CancellationToken.None);

        Assert.Equal(SendOutcomeKind.Sent, outcome.Kind);
        var received = Assert.Single(await SmtpSink.WaitForAsync(to, 1));
        Assert.NotEqual(dropped, SmtpConnectionLog.ConnectionOf(received));
        // The sink stores a message before it answers 250, and the transport retries before SendAsync returns: a
        // second copy would already be there.
        Assert.Single(SmtpSink.MessagesTo(to));
    }

    [Fact]
    public async Task A_rejected_recipient_keeps_the_connection_but_a_421_closes_it()
    {
        var mailbox = Mailbox();
        var first = await SendAsync(mailbox);

        var rejected = await _transport.SendAsync(mailbox, Compose(mailbox.FromEmail, Address("reject-")), CancellationToken.None);
        var afterRejection = await SendAsync(mailbox);
        var tempfailed = await _transport.SendAsync(mailbox, Compose(mailbox.FromEmail, Address("tempfail3-")), CancellationToken.None);
        var afterTempfail = await SendAsync(mailbox);

        Assert.True(rejected.IsHardBounce);
        Assert.Equal(first, afterRejection);
        Assert.Equal(421, tempfailed.SmtpStatusCode);
        Assert.NotEqual(first, afterTempfail);
    }

    [Fact]
    public async Task An_idle_connection_is_closed_with_quit_and_the_next_send_opens_a_new_one()
    {
        await _transport.DisposeAsync();
        _options.SmtpIdleTimeout = TimeSpan.FromMilliseconds(300);
        _transport = NewTransport();

        var started = System.Diagnostics.Stopwatch.StartNew();
        var first = await SendAsync(Mailbox());
        Assert.Equal(["open", "quit", "closed"], await SmtpConnectionLog.WaitForAsync(first, "closed"));
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(300), $"closed {started.Elapsed} after the send started, before the idle timeout");

        var second = await SendAsync(Mailbox());

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Disposing_the_transport_says_quit_on_every_connection()
    {
        var first = await SendAsync(Mailbox("mbx1@mail.roleferry.test"));
        var second = await SendAsync(Mailbox("mbx2@mail.roleferry.test"));

        await _transport.DisposeAsync();

        Assert.Equal(["open", "quit", "closed"], await SmtpConnectionLog.WaitForAsync(first, "closed"));
        Assert.Equal(["open", "quit", "closed"], await SmtpConnectionLog.WaitForAsync(second, "closed"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _transport.SendAsync(Mailbox(), Compose(Mailbox().FromEmail, Address("ok-")), CancellationToken.None));
    }
}
