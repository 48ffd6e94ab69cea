namespace RoleFerry.Grains.Interfaces.Users;

/// <summary>A user's tier limits and today's use.</summary>
public sealed record UserQuota(
    string Tier,
    int MaxActiveSequences,
    int ActiveSequences,
    int MaxSendsPerDay,
    int SentToday,
    int CreditsRemaining);
