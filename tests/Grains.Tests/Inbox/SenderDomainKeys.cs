using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Security;

namespace RoleFerry.Grains.Tests.Inbox;

/// <summary>
/// The DNS of the senders' domains, as a test publishes it: each domain's DKIM key (selector <c>s1</c>), made on
/// first use, and a signer for it. RoleFerry's reader asks it for keys in place of <c>DnsDkimPublicKeyLocator</c>;
/// a domain nobody published a key for has none (the lookup fails, as an NXDOMAIN does).
/// </summary>
public sealed class SenderDomainKeys : DkimPublicKeyLocatorBase
{
    public const string Selector = "s1";

    private readonly Dictionary<string, AsymmetricCipherKeyPair> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    /// <summary>Signs <paramref name="message"/> as <paramref name="domain"/> does (relaxed/relaxed, From, To, Subject, Date, Message-ID).</summary>
    public MimeMessage Sign(MimeMessage message, string domain)
    {
        message.Prepare(EncodingConstraint.SevenBit);
        var signer = new DkimSigner(KeyOf(domain).Private, domain, Selector)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
        signer.Sign(message, [HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId]);
        return message;
    }

    public AsymmetricCipherKeyPair KeyOf(string domain)
    {
        lock (_gate)
        {
            if (!_keys.TryGetValue(domain, out var pair))
            {
                var generator = new RsaKeyPairGenerator();
                generator.Init(new KeyGenerationParameters(new SecureRandom(), 2048));
                _keys[domain] = pair = generator.GenerateKeyPair();
            }

            return pair;
        }
    }

    public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return selector == Selector && _keys.TryGetValue(domain, out var pair)
                ? pair.Public
                : throw new InvalidOperationException($"{selector}._domainkey.{domain}: no such record");
        }
    }

    public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
        Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
}
