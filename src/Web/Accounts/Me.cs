namespace RoleFerry.Web.Accounts;

/// <summary><c>GET /api/me</c>.</summary>
public sealed record Me(
    long Id,
    string Email,
    string FullName,
    string Mode,
    string Timezone,
    string SubscriptionTier,
    int CreditsRemaining,
    bool IsAdmin,
    DateTimeOffset CreatedAt);
