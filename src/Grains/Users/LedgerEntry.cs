namespace RoleFerry.Grains.Users;

/// <summary>One change of a wallet, as its immutable credit_ledger row records it.</summary>
public sealed record LedgerEntry(int Delta, int BalanceAfter, string Reason, string? Reference);
