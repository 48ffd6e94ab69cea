namespace RoleFerry.Web.Applications;

/// <summary>An entry of an application's status history; cause ∈ user|system|reply.</summary>
public sealed record StatusChange(long Id, string? FromStatus, string ToStatus, string Cause, DateTimeOffset ChangedAt);
