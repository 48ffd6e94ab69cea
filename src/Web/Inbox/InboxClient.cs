using RoleFerry.Web.Api;

namespace RoleFerry.Web.Inbox;

/// <summary><c>/api/inbox</c>: answers to the person's outreach.</summary>
public sealed class InboxClient(HttpClient http)
{
    public Task<Page<InboxItem>> ListAsync(string? kind, bool? unread, int page, CancellationToken ct, int? pageSize = null) =>
        http.ReadAsync<Page<InboxItem>>(ApiHttp.Query("/api/inbox", ("kind", kind), ("unread", unread), ("page", page), ("pageSize", pageSize)), ct);

    public Task<InboxItem?> FindAsync(long id, CancellationToken ct) => http.FindAsync<InboxItem>($"/api/inbox/{id}", ct);

    public Task<ApiProblem?> MarkReadAsync(long id, CancellationToken ct) => http.SendAsync(HttpMethod.Post, $"/api/inbox/{id}/read", null, ct);
}
