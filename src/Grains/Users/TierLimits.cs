namespace RoleFerry.Grains.Users;

/// <summary>What one subscription tier may do.</summary>
public sealed class TierLimits
{
    public int MaxActiveSequences { get; set; }

    public int MaxSendsPerDay { get; set; }
}
