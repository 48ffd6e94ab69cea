using System.Text.Json;
using RoleFerry.Web.Api;

namespace RoleFerry.Web.Mailboxes;

/// <summary><c>/api/admin/mailboxes</c> (admins only).</summary>
public sealed class MailboxesClient(HttpClient http)
{
    public Task<Page<Mailbox>> ListAsync(int page, CancellationToken ct) =>
        http.ReadAsync<Page<Mailbox>>(ApiHttp.Query("/api/admin/mailboxes", ("page", page)), ct);

    public Task<Mailbox?> FindAsync(long id, CancellationToken ct) => http.FindAsync<Mailbox>($"/api/admin/mailboxes/{id}", ct);

    public Task<Page<HealthLogEntry>> HealthLogAsync(long id, CancellationToken ct) =>
        http.ReadAsync<Page<HealthLogEntry>>($"/api/admin/mailboxes/{id}/health-log?pageSize=200", ct);

    public Task<ApiResult<Mailbox>> CreateAsync(MailboxForm form, CancellationToken ct) =>
        http.SendAsync<Mailbox>(HttpMethod.Post, "/api/admin/mailboxes", form.ToCreateRequest(), ct);

    /// <summary>The patch keeps its nulls (a null IMAP host stops reading the mailbox), so it is sent as written.</summary>
    public Task<ApiResult<Mailbox>> UpdateAsync(long id, MailboxForm form, CancellationToken ct) =>
        http.SendAsync<Mailbox>(HttpMethod.Patch, $"/api/admin/mailboxes/{id}", JsonSerializer.SerializeToElement(form.ToPatchRequest()), ct);

    /// <summary><c>POST /api/admin/mailboxes/{id}/pause</c>, <c>/resume</c> or <c>/activate</c>.</summary>
    public Task<ApiResult<Mailbox>> ActAsync(long id, string action, CancellationToken ct) =>
        http.SendAsync<Mailbox>(HttpMethod.Post, $"/api/admin/mailboxes/{id}/{action}", null, ct);
}
