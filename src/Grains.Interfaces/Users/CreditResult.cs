namespace RoleFerry.Grains.Interfaces.Users;

/// <summary>The wallet after a change; <see cref="Applied"/> false when refused (balance would go negative).</summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.CreditResult")]
public sealed record CreditResult([property: Id(0)] bool Applied, [property: Id(1)] int Balance);
