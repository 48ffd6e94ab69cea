namespace RoleFerry.Api.Applications;

/// <summary>
/// <c>GET /api/applications/status-counts</c>: the caller's applications per status, every status in the tracker's
/// order (saved, applied, interviewing, offer, rejected; 0 when none), and their total.
/// </summary>
public sealed record StatusCountsResponse(IReadOnlyList<StatusCount> Counts, long Total);
