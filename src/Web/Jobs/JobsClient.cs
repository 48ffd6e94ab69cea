using RoleFerry.Web.Api;

namespace RoleFerry.Web.Jobs;

/// <summary><c>/api/jobs</c>, <c>/api/jobs/matched</c> and <c>/api/companies</c>.</summary>
public sealed class JobsClient(HttpClient http)
{
    public Task<Page<Job>> SearchAsync(string? query, string? location, bool? remote, int page, CancellationToken ct) =>
        http.ReadAsync<Page<Job>>(ApiHttp.Query("/api/jobs", ("query", query), ("location", location), ("remote", remote), ("page", page)), ct);

    public Task<Page<MatchedJob>> MatchedAsync(int page, CancellationToken ct) =>
        http.ReadAsync<Page<MatchedJob>>(ApiHttp.Query("/api/jobs/matched", ("page", page)), ct);

    public Task<Job?> FindAsync(long id, CancellationToken ct) => http.FindAsync<Job>($"/api/jobs/{id}", ct);

    public Task<ApiResult<Job>> CreateAsync(NewJob job, CancellationToken ct) => http.SendAsync<Job>(HttpMethod.Post, "/api/jobs", job, ct);

    /// <summary>Companies whose name or domain starts with <paramref name="query"/>.</summary>
    public Task<Page<Company>> CompaniesAsync(string? query, CancellationToken ct) =>
        http.ReadAsync<Page<Company>>(ApiHttp.Query("/api/companies", ("query", query), ("pageSize", 200)), ct);

    /// <summary>The company of this domain, created unless RoleFerry knows it.</summary>
    public Task<ApiResult<Company>> AddCompanyAsync(string? name, string? domain, CancellationToken ct) =>
        http.SendAsync<Company>(HttpMethod.Post, "/api/companies", new { name, domain }, ct);
}
