namespace RoleFerry.Grains.Sequences;

/// <summary>A step waiting for its claim: which step, what it will send and when it was claimed.</summary>
public sealed record PendingClaim(long InstanceId, int StepNo, StepClaim Claim, DateTimeOffset Now);
