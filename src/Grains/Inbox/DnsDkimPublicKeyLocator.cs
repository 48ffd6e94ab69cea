using System.Collections.Concurrent;
using DnsClient;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace RoleFerry.Grains.Inbox;

/// <summary>
/// The public keys of DKIM signatures and ARC seals, from DNS: the TXT record <c>{selector}._domainkey.{domain}</c>
/// (DnsClient with the machine's resolvers), parsed by MimeKit. Each key is kept for <see cref="KeepFor"/>, so a
/// mailbox's round asks DNS once per sender domain. Tests replace this locator with keys of their own.
/// </summary>
public sealed class DnsDkimPublicKeyLocator(ILookupClient dns, TimeProvider clock) : DkimPublicKeyLocatorBase
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, (AsymmetricKeyParameter Key, DateTimeOffset Until)> _keys = new(StringComparer.OrdinalIgnoreCase);

    public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
        Kept(Name(domain, selector)) ?? Keep(Name(domain, selector), Parse(dns.Query(Name(domain, selector), QueryType.TXT)));

    public override async Task<AsymmetricKeyParameter> LocatePublicKeyAsync(
        string methods, string domain, string selector, CancellationToken cancellationToken = default)
    {
        var name = Name(domain, selector);
        return Kept(name) ?? Keep(name, Parse(await dns.QueryAsync(name, QueryType.TXT, cancellationToken: cancellationToken)));
    }

    private static string Name(string domain, string selector) => $"{selector}._domainkey.{domain}";

    private AsymmetricKeyParameter? Kept(string name) =>
        _keys.TryGetValue(name, out var kept) && kept.Until > clock.GetUtcNow() ? kept.Key : null;

    private AsymmetricKeyParameter Keep(string name, AsymmetricKeyParameter key)
    {
        _keys[name] = (key, clock.GetUtcNow() + KeepFor);
        return key;
    }

    private AsymmetricKeyParameter Parse(IDnsQueryResponse response) =>
        GetPublicKey(string.Concat(response.Answers.TxtRecords().SelectMany(record => record.Text)));
}
