namespace RoleFerry.Grains.Inbox;

/// <summary>
/// How a message read over IMAP was shown to come from the domain of its From: address: <see cref="Method"/> is
/// <c>dkim</c> (a valid DKIM signature of that domain, or of its parent), <c>arc</c> (an intact ARC chain sealed by a
/// trusted sealer whose results say the sender passed) or <c>authentication-results</c> (the results of a trusted
/// receiving server); <see cref="By"/> names the signing domain, the sealer or the server.
/// </summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.SenderAuthentication")]
public sealed record SenderAuthentication([property: Id(0)] string Method, [property: Id(1)] string By);
