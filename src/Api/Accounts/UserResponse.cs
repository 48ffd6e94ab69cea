namespace RoleFerry.Api.Accounts;

/// <summary>A registered account (<c>POST /api/auth/register</c>).</summary>
public sealed record UserResponse(long Id, string Email, string FullName, string Mode, string SubscriptionTier);
