namespace RoleFerry.Grains.Users;

/// <summary>Tier quotas (section <c>RoleFerry:Quotas</c>); teams and enterprise are set per deployment.</summary>
public sealed class UserQuotaOptions
{
    public const string SectionName = "RoleFerry:Quotas";

    public Dictionary<string, TierLimits> Tiers { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["free"] = new() { MaxActiveSequences = 3, MaxSendsPerDay = 20 },
        ["pro"] = new() { MaxActiveSequences = 50, MaxSendsPerDay = 200 },
        ["teams"] = new() { MaxActiveSequences = 200, MaxSendsPerDay = 1000 },
        ["enterprise"] = new() { MaxActiveSequences = 1000, MaxSendsPerDay = 5000 },
    };

    public TierLimits For(string tier) =>
        Tiers.TryGetValue(tier, out var limits) ? limits : Tiers["free"];
}
