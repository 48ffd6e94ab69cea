namespace RoleFerry.Web.Analytics;

/// <summary><c>GET /api/analytics/outreach</c>: the period [from, to), the grouping, totals and groups.</summary>
public sealed record OutreachAnalytics(DateTimeOffset From, DateTimeOffset To, string? GroupBy, OutreachFigures Totals, IReadOnlyList<OutreachFigures> Groups);
