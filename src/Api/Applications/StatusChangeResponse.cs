namespace RoleFerry.Api.Applications;

/// <summary>One status change; fromStatus is null for the creation entry; cause is user or system.</summary>
public sealed record StatusChangeResponse(long Id, string? FromStatus, string ToStatus, string Cause, DateTimeOffset ChangedAt);
