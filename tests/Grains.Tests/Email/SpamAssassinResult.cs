namespace RoleFerry.Grains.Tests.Email;

/// <summary>What <see cref="SpamAssassin"/> made of a message: the score, the rules that hit, and its own report ("Content analysis details").</summary>
public sealed record SpamAssassinResult(double Score, IReadOnlyList<string> Rules, string Report);
