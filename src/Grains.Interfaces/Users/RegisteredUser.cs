namespace RoleFerry.Grains.Interfaces.Users;

/// <summary>The account a registration created.</summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.RegisteredUser")]
public sealed record RegisteredUser(
    [property: Id(0)] long Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string FullName,
    [property: Id(3)] string Mode,
    [property: Id(4)] string Tier);
