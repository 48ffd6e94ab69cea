namespace RoleFerry.Grains.Interfaces.Users;

/// <summary>The profile fields of <c>PATCH /api/me</c> (validated); null leaves a field as it is.</summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.ProfileChange")]
public sealed record ProfileChange(
    [property: Id(0)] string? FullName,
    [property: Id(1)] string? Mode,
    [property: Id(2)] string? Timezone);
