namespace RoleFerry.Grains.Interfaces.Users;

/// <summary>A registration (validated, the password already hashed).</summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.NewUser")]
public sealed record NewUser(
    [property: Id(0)] string Email,
    [property: Id(1)] string PasswordHash,
    [property: Id(2)] string FullName,
    [property: Id(3)] string Mode);
