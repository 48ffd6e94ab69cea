namespace RoleFerry.Grains.Interfaces.Users;

/// <summary>A user's tier limits and today's use.</summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.UserQuota")]
public sealed record UserQuota(
    [property: Id(0)] string Tier,
    [property: Id(1)] int MaxActiveSequences,
    [property: Id(2)] int ActiveSequences,
    [property: Id(3)] int MaxSendsPerDay,
    [property: Id(4)] int SentToday,
    [property: Id(5)] int CreditsRemaining);
