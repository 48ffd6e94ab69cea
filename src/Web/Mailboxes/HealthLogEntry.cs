namespace RoleFerry.Web.Mailboxes;

/// <summary>A health check of a mailbox (<c>GET /api/admin/mailboxes/{id}/health-log</c>).</summary>
public sealed record HealthLogEntry(
    long Id, int HealthScore, decimal BounceRate7d, int SpamReports7d, int Sends7d, int Bounces7d, string Status, string? Reason, DateTimeOffset LoggedAt);
