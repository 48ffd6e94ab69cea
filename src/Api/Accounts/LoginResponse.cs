namespace RoleFerry.Api.Accounts;

/// <summary>A bearer token: send <c>Authorization: Bearer {accessToken}</c>; it expires after <see cref="ExpiresIn"/> seconds.</summary>
public sealed record LoginResponse(string TokenType, string AccessToken, long ExpiresIn);
