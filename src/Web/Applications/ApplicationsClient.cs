using RoleFerry.Web.Api;

namespace RoleFerry.Web.Applications;

/// <summary><c>/api/applications</c>: the tracker.</summary>
public sealed class ApplicationsClient(HttpClient http)
{
    public Task<Page<Application>> ListAsync(string? status, int page, CancellationToken ct, int? pageSize = null) =>
        http.ReadAsync<Page<Application>>(ApiHttp.Query("/api/applications", ("status", status), ("page", page), ("pageSize", pageSize)), ct);

    public Task<StatusCounts> StatusCountsAsync(CancellationToken ct) => http.ReadAsync<StatusCounts>("/api/applications/status-counts", ct);

    public Task<Application?> FindAsync(long id, CancellationToken ct) => http.FindAsync<Application>($"/api/applications/{id}", ct);

    public Task<ApiResult<Application>> CreateAsync(long jobId, string? status, CancellationToken ct) =>
        http.SendAsync<Application>(HttpMethod.Post, "/api/applications", new { jobId, status }, ct);

    public Task<Page<StatusChange>> HistoryAsync(long id, CancellationToken ct) =>
        http.ReadAsync<Page<StatusChange>>($"/api/applications/{id}/history?pageSize=200", ct);

    public Task<Page<TimelineEntry>> TimelineAsync(long id, int page, CancellationToken ct) =>
        http.ReadAsync<Page<TimelineEntry>>(ApiHttp.Query($"/api/applications/{id}/timeline", ("page", page), ("pageSize", 100)), ct);

    public Task<Page<Interview>> InterviewsAsync(long id, CancellationToken ct) =>
        http.ReadAsync<Page<Interview>>($"/api/applications/{id}/interviews?pageSize=200", ct);

    public Task<ApiResult<Interview>> AddInterviewAsync(long id, object interview, CancellationToken ct) =>
        http.SendAsync<Interview>(HttpMethod.Post, $"/api/applications/{id}/interviews", interview, ct);

    public Task<ApiResult<Interview>> UpdateInterviewAsync(long interviewId, object changes, CancellationToken ct) =>
        http.SendAsync<Interview>(HttpMethod.Patch, $"/api/interviews/{interviewId}", changes, ct);

    public Task<ApiProblem?> DeleteInterviewAsync(long interviewId, CancellationToken ct) =>
        http.SendAsync(HttpMethod.Delete, $"/api/interviews/{interviewId}", null, ct);

    public Task<ApiProblem?> DeleteAsync(long id, CancellationToken ct) => http.SendAsync(HttpMethod.Delete, $"/api/applications/{id}", null, ct);

    public Task<ApiResult<Application>> UpdateAsync(long id, string? status, string? notes, CancellationToken ct) =>
        http.SendAsync<Application>(HttpMethod.Patch, $"/api/applications/{id}", new { status, notes }, ct);
}
