namespace RoleFerry.Web.Accounts;

/// <summary><c>POST /api/auth/login</c>'s answer.</summary>
public sealed record LoginToken(string AccessToken, long ExpiresIn);
