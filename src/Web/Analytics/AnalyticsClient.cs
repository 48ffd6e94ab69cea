using RoleFerry.Web.Api;

namespace RoleFerry.Web.Analytics;

/// <summary><c>/api/analytics/outreach</c>.</summary>
public sealed class AnalyticsClient(HttpClient http)
{
    /// <summary>The report, or the API's problem with the period or grouping asked for.</summary>
    public Task<ApiResult<OutreachAnalytics>> OutreachAsync(DateTimeOffset? from, DateTimeOffset? to, string? groupBy, CancellationToken ct) =>
        http.SendAsync<OutreachAnalytics>(HttpMethod.Get, ApiHttp.Query("/api/analytics/outreach", ("from", from), ("to", to), ("groupBy", groupBy)), null, ct);
}
