namespace RoleFerry.Api.Accounts;

/// <summary><c>GET /api/me</c>.</summary>
public sealed record MeResponse(
    long Id,
    string Email,
    string FullName,
    string Mode,
    string SubscriptionTier,
    int CreditsRemaining,
    bool IsAdmin,
    string Timezone,
    DateTimeOffset CreatedAt);
