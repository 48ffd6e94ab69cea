namespace RoleFerry.Web.Applications;

/// <summary><c>GET /api/applications/status-counts</c>: every status in the tracker's order.</summary>
public sealed record StatusCounts(IReadOnlyList<StatusCount> Counts, long Total)
{
    public long Of(string status) => Counts.FirstOrDefault(c => c.Status == status)?.Count ?? 0;
}
