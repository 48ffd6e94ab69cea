namespace RoleFerry.Data.Tracking;

/// <summary>What a verified tracking token says: its kind, the outreach (sent email) it belongs to and, for a click, the link.</summary>
public sealed record TrackingToken(TrackingKind Kind, long OutreachId, string? Url = null);
