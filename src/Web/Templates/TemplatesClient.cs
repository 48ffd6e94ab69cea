using RoleFerry.Web.Api;

namespace RoleFerry.Web.Templates;

/// <summary><c>/api/sequence-templates</c>.</summary>
public sealed class TemplatesClient(HttpClient http)
{
    /// <summary>The platform templates, then the person's own (the API's order), 200 at most.</summary>
    public Task<Page<Template>> ListAsync(int page, CancellationToken ct, int? pageSize = null) =>
        http.ReadAsync<Page<Template>>(ApiHttp.Query("/api/sequence-templates", ("page", page), ("pageSize", pageSize)), ct);

    public Task<Template?> FindAsync(long id, CancellationToken ct) => http.FindAsync<Template>($"/api/sequence-templates/{id}", ct);

    /// <summary>Each step as a person gets it: for an application and a contact of the person's, else with sample values.</summary>
    public Task<TemplatePreview?> PreviewAsync(long id, long? applicationId, long? contactId, CancellationToken ct) =>
        http.FindAsync<TemplatePreview>(ApiHttp.Query($"/api/sequence-templates/{id}/preview", ("applicationId", applicationId), ("contactId", contactId)), ct);

    public Task<ApiResult<Template>> CreateAsync(object template, CancellationToken ct) =>
        http.SendAsync<Template>(HttpMethod.Post, "/api/sequence-templates", template, ct);

    public Task<ApiResult<Template>> UpdateAsync(long id, object template, CancellationToken ct) =>
        http.SendAsync<Template>(HttpMethod.Put, $"/api/sequence-templates/{id}", template, ct);

    public Task<ApiProblem?> DeleteAsync(long id, CancellationToken ct) => http.SendAsync(HttpMethod.Delete, $"/api/sequence-templates/{id}", null, ct);
}
