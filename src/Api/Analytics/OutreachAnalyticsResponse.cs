namespace RoleFerry.Api.Analytics;

/// <summary><c>GET /api/analytics/outreach</c>: the period [from, to), the grouping (null: totals only), totals and groups.</summary>
public sealed record OutreachAnalyticsResponse(
    DateTimeOffset From,
    DateTimeOffset To,
    string? GroupBy,
    OutreachFigures Totals,
    IReadOnlyList<OutreachGroup> Groups);
