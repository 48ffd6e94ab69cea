namespace RoleFerry.Api.Accounts;

/// <summary>The user type of <see cref="Microsoft.AspNetCore.Identity.PasswordHasher{TUser}"/> (it reads nothing from it).</summary>
public sealed record AccountUser(long Id, string Email);
