namespace RoleFerry.Api.Accounts;

/// <summary><c>DELETE /api/me</c>: the password confirms the erasure.</summary>
public sealed record DeleteAccountRequest(string? Password);
