using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RoleFerry.Grains.Email;
using RoleFerry.Grains.Mailboxes;
using RoleFerry.Grains.Security;

namespace RoleFerry.Bench;

/// <summary>
/// The SMTP case's baseline: the product's transport (<see cref="SmtpMailTransport"/>) alone in this process before
/// the silo starts, sending messages one after the other over one kept-open connection to the same server, to
/// recipients outside the run's domain (the run's count at the server is not touched).
/// </summary>
public static class SmtpAlone
{
    /// <summary>Sends left out of the figure: the connection's opening and the JIT's first compilations.</summary>
    private const int WarmUp = 20;

    /// <returns>The time of each message after the warm-up, call to outcome.</returns>
    public static async Task<Latencies> MeasureAsync(string host, int port, int messages)
    {
        var secrets = new SecretProtector(Options.Create(new SecurityOptions { SecretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }));
        await using var transport = new SmtpMailTransport(Options.Create(new EmailOptions()), secrets, NullLogger<SmtpMailTransport>.Instance);
        var settings = new SmtpSettings("alone@roleferry.bench", host, port, "alone", secrets.Seal("bench-password"), UseTls: false);
        var sends = new Latencies();
        for (var i = 0; i < WarmUp + messages; i++)
        {
            var email = new OutgoingEmail("alone@roleferry.bench", "Bench", $"contact-{i}@alone.roleferry.bench", null, null, null,
                "Quick advice on Engineer at Example?", "Hi, a short question about the role.", "<p>Hi, a short question about the role.</p>",
                EmailComposer.NewMessageId("roleferry.bench"), new Dictionary<string, string>());
            var started = Stopwatch.GetTimestamp();
            var outcome = await transport.SendAsync(settings, email, CancellationToken.None);
            if (outcome.Kind != SendOutcomeKind.Sent)
            {
                throw new InvalidOperationException($"The SMTP server refused the baseline's message {i}: {outcome.Kind} ({outcome.Message}).");
            }

            if (i >= WarmUp)
            {
                sends.Add(Stopwatch.GetTimestamp() - started);
            }
        }

        return sends;
    }
}
