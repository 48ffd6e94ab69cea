using RoleFerry.Web.Api;

namespace RoleFerry.Web.Contacts;

/// <summary><c>/api/contacts</c>.</summary>
public sealed class ContactsClient(HttpClient http)
{
    public Task<Page<Contact>> ListAsync(long? companyId, int page, CancellationToken ct, int? pageSize = null) =>
        http.ReadAsync<Page<Contact>>(ApiHttp.Query("/api/contacts", ("companyId", companyId), ("page", page), ("pageSize", pageSize)), ct);

    public Task<Contact?> FindAsync(long id, CancellationToken ct) => http.FindAsync<Contact>($"/api/contacts/{id}", ct);

    public Task<ApiResult<Contact>> CreateAsync(ContactForm form, CancellationToken ct) =>
        http.SendAsync<Contact>(HttpMethod.Post, "/api/contacts", new
        {
            companyId = form.CompanyId,
            fullName = form.FullName,
            email = form.Email,
            title = NullIfBlank(form.Title),
            timezone = NullIfBlank(form.Timezone),
            source = "manual",
        }, ct);

    public Task<ApiResult<Contact>> UpdateAsync(long id, ContactForm form, CancellationToken ct) =>
        http.SendAsync<Contact>(HttpMethod.Patch, $"/api/contacts/{id}", new
        {
            fullName = form.FullName ?? "",
            title = form.Title ?? "",
            timezone = form.Timezone ?? "",
        }, ct);

    public Task<ApiProblem?> DeleteAsync(long id, CancellationToken ct) => http.SendAsync(HttpMethod.Delete, $"/api/contacts/{id}", null, ct);

    public Task<ApiProblem?> OptOutAsync(long id, CancellationToken ct) => http.SendAsync(HttpMethod.Post, $"/api/contacts/{id}/opt-out", null, ct);

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
