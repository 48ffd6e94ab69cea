namespace RoleFerry.Grains.Interfaces.Users;

/// <summary>The wallet after a change; <see cref="Applied"/> false when refused (balance would go negative).</summary>
public sealed record CreditResult(bool Applied, int Balance);
