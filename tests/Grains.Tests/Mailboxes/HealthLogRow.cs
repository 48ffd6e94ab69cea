namespace RoleFerry.Grains.Tests.Mailboxes;

/// <summary>One <c>mailbox_health_logs</c> row as tests compare it.</summary>
public sealed record HealthLogRow(
    int HealthScore,
    decimal BounceRate7d,
    int SpamReports7d,
    int Sends7d,
    int Bounces7d,
    string Status,
    string? Reason,
    DateTimeOffset LoggedAt);
