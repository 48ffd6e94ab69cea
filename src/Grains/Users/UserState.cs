namespace RoleFerry.Grains.Users;

/// <summary>
/// What the user grain keeps of its <c>users</c> row (read and written by <see cref="UserStorage"/>): the tier and
/// the wallet, plus the ledger row to commit with the next write.
/// </summary>
public sealed class UserState
{
    public string Tier { get; set; } = "free";

    public int CreditsRemaining { get; set; }

    /// <summary>A credit_ledger row to insert in the same transaction as the next write of the balance.</summary>
    public LedgerEntry? NewLedgerEntry { get; set; }
}
