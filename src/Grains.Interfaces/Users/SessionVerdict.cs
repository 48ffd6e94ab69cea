namespace RoleFerry.Grains.Interfaces.Users;

/// <summary>
/// What <see cref="ISessionGrain.CheckAsync"/> says of a token: whether it is honoured, and whether its user holds
/// the admin flag (<c>users.is_admin</c>, granted by the operator command); never an admin when not honoured.
/// </summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.SessionVerdict")]
public sealed record SessionVerdict([property: Id(0)] bool Honoured, [property: Id(1)] bool IsAdmin)
{
    public static readonly SessionVerdict Refused = new(false, false);
}
