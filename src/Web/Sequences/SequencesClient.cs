using RoleFerry.Web.Api;

namespace RoleFerry.Web.Sequences;

/// <summary><c>/api/sequences</c> and enrolment (<c>POST /api/applications/{id}/sequences</c>).</summary>
public sealed class SequencesClient(HttpClient http)
{
    public Task<Page<SequenceSummary>> ListAsync(long? applicationId, long? contactId, string? status, int page, CancellationToken ct, int? pageSize = null) =>
        http.ReadAsync<Page<SequenceSummary>>(
            ApiHttp.Query("/api/sequences", ("applicationId", applicationId), ("contactId", contactId), ("status", status), ("page", page), ("pageSize", pageSize)),
            ct);

    public Task<Sequence?> FindAsync(long id, CancellationToken ct) => http.FindAsync<Sequence>($"/api/sequences/{id}", ct);

    public Task<ApiResult<Sequence>> EnrollAsync(long applicationId, long? contactId, long? templateId, IReadOnlyDictionary<string, string> variables, CancellationToken ct) =>
        http.SendAsync<Sequence>(HttpMethod.Post, $"/api/applications/{applicationId}/sequences", new { contactId, templateId, variables }, ct);

    /// <summary><c>POST /api/sequences/{id}/pause</c>, <c>/resume</c> or <c>/cancel</c>.</summary>
    public Task<ApiResult<Sequence>> ActAsync(long id, string action, CancellationToken ct) =>
        http.SendAsync<Sequence>(HttpMethod.Post, $"/api/sequences/{id}/{action}", null, ct);
}
