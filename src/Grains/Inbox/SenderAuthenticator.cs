using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;

namespace RoleFerry.Grains.Inbox;

/// <summary>
/// Decides whether a message really comes from the domain of its From: address (the reader's loop asks, where the
/// whole message and the network are; the grain then only believes what matches our email by sender address when
/// this says yes, see <see cref="InboundTrust"/>). In order: a DKIM signature of that domain (or a parent domain:
/// relaxed alignment) that MimeKit's <see cref="DkimVerifier"/> verifies with the key DNS publishes
/// (<see cref="IDkimPublicKeyLocator"/>); an ARC chain that <see cref="ArcVerifier"/> finds intact, whose latest seal
/// is by one of <see cref="InboxOptions.TrustedArcSealers"/> and whose results at that hop say the sender passed; the
/// topmost <c>Authentication-Results</c> of a server in <see cref="InboxOptions.TrustedAuthservIds"/> (the operator's
/// own receiving server, which removes such headers from incoming mail) saying the same. A lookup or parse failure
/// means "not shown", never an error.
/// </summary>
public sealed class SenderAuthenticator(IDkimPublicKeyLocator keys, IOptions<InboxOptions> options, ILogger<SenderAuthenticator> logger)
{
    public const string Dkim = "dkim";
    public const string Arc = "arc";
    public const string AuthenticationResults = "authentication-results";

    public async Task<SenderAuthentication?> AuthenticateAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (DomainOf(message.From.Mailboxes.FirstOrDefault()?.Address) is not { } domain)
        {
            return null;
        }

        return await DkimAsync(message, domain, cancellationToken)
            ?? await ArcAsync(message, domain, cancellationToken)
            ?? TrustedResults(message, domain);
    }

    private async Task<SenderAuthentication?> DkimAsync(MimeMessage message, string domain, CancellationToken cancellationToken)
    {
        var verifier = new DkimVerifier(keys);
        foreach (var signature in message.Headers.Where(h => h.Id == HeaderId.DkimSignature))
        {
            if (DomainOf(Tag(signature.Value, "d")) is not { } signer || !Aligned(domain, signer))
            {
                continue;
            }

            if (await VerifiesAsync(() => verifier.VerifyAsync(message, signature, cancellationToken), signer))
            {
                return new SenderAuthentication(Dkim, signer);
            }
        }

        return null;
    }

    private async Task<SenderAuthentication?> ArcAsync(MimeMessage message, string domain, CancellationToken cancellationToken)
    {
        var latest = message.Headers.Where(h => h.Id == HeaderId.ArcSeal).MaxBy(Instance);
        if (latest is null || DomainOf(Tag(latest.Value, "d")) is not { } sealer
            || !options.Value.TrustedArcSealers.Any(trusted => string.Equals(trusted.Trim(), sealer, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var intact = await VerifiesAsync(
            async () => (await new ArcVerifier(keys).VerifyAsync(message, cancellationToken)).Chain == ArcSignatureValidationResult.Pass, sealer);
        var results = message.Headers
            .Where(h => h.Id == HeaderId.ArcAuthenticationResults)
            .Select(Parse)
            .FirstOrDefault(r => r?.Instance == Instance(latest));
        return intact && results is not null && Passes(results, domain) ? new SenderAuthentication(Arc, sealer) : null;
    }

    private SenderAuthentication? TrustedResults(MimeMessage message, string domain)
    {
        var trusted = message.Headers
            .Where(h => h.Id == HeaderId.AuthenticationResults)
            .Select(Parse)
            .FirstOrDefault(r => r?.AuthenticationServiceIdentifier is { } id
                && options.Value.TrustedAuthservIds.Any(t => string.Equals(t.Trim(), id, StringComparison.OrdinalIgnoreCase)));
        return trusted is { AuthenticationServiceIdentifier: { } server } && Passes(trusted, domain)
            ? new SenderAuthentication(AuthenticationResults, server)
            : null;
    }

    /// <summary>The results say the sender of <paramref name="domain"/> passed: DMARC, or DKIM or SPF aligned with it.</summary>
    private static bool Passes(MimeKit.Cryptography.AuthenticationResults results, string domain) =>
        results.Results.Any(r => string.Equals(r.Result, "pass", StringComparison.OrdinalIgnoreCase) && r.Method.ToLowerInvariant() switch
        {
            "dmarc" => Property(r, "header", "from") is not { } from || Aligned(domain, from),
            "dkim" => DomainOf(Property(r, "header", "d") ?? Property(r, "header", "i")) is { } d && Aligned(domain, d),
            "spf" => DomainOf(Property(r, "smtp", "mailfrom")) is { } mailFrom && Aligned(domain, mailFrom),
            _ => false,
        });

    private static string? Property(AuthenticationMethodResult result, string type, string name) =>
        result.Properties.FirstOrDefault(p =>
            string.Equals(p.PropertyType, type, StringComparison.OrdinalIgnoreCase) && string.Equals(p.Property, name, StringComparison.OrdinalIgnoreCase))?.Value;

    private static MimeKit.Cryptography.AuthenticationResults? Parse(Header header) =>
        MimeKit.Cryptography.AuthenticationResults.TryParse(header.RawValue, out var results) ? results : null;

    private async Task<bool> VerifiesAsync(Func<Task<bool>> verify, string domain)
    {
        try
        {
            return await verify();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogInformation("A signature of {Domain} could not be verified: {Error}", domain, e.Message);
            return false;
        }
    }

    /// <summary>The <c>i=</c> of an ARC header (0 when it has none).</summary>
    private static int Instance(Header header) =>
        int.TryParse(Tag(header.Value, "i"), out var instance) ? instance : 0;

    /// <summary>A tag's value in a DKIM-style tag list (<c>v=1; a=rsa-sha256; d=example.com; ...</c>).</summary>
    public static string? Tag(string tags, string name)
    {
        foreach (var pair in tags.Split(';'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && string.Equals(pair[..equals].Trim(), name, StringComparison.Ordinal))
            {
                return new string(pair[(equals + 1)..].Where(c => !char.IsWhiteSpace(c)).ToArray());
            }
        }

        return null;
    }

    /// <summary>The domain of an address (<c>user@domain</c>, or <c>@domain</c>) or a bare domain, lower-cased.</summary>
    private static string? DomainOf(string? value)
    {
        var domain = value?.Split('@').Last().Trim().TrimEnd('.').ToLowerInvariant();
        return string.IsNullOrEmpty(domain) ? null : domain;
    }

    /// <summary>Relaxed alignment: the same domain, or the From: domain is a subdomain of the authenticated one.</summary>
    private static bool Aligned(string fromDomain, string authenticated) =>
        fromDomain == authenticated || fromDomain.EndsWith("." + authenticated, StringComparison.Ordinal);
}
