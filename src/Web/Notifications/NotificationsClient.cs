using RoleFerry.Web.Api;

namespace RoleFerry.Web.Notifications;

/// <summary><c>/api/notifications</c>.</summary>
public sealed class NotificationsClient(HttpClient http)
{
    public Task<Page<Notification>> ListAsync(bool? unread, int page, CancellationToken ct, int? pageSize = null) =>
        http.ReadAsync<Page<Notification>>(ApiHttp.Query("/api/notifications", ("unread", unread), ("page", page), ("pageSize", pageSize)), ct);

    public Task<ApiProblem?> MarkReadAsync(long id, CancellationToken ct) => http.SendAsync(HttpMethod.Post, $"/api/notifications/{id}/read", null, ct);

    public Task<ApiProblem?> MarkAllReadAsync(CancellationToken ct) => http.SendAsync(HttpMethod.Post, "/api/notifications/read-all", null, ct);
}
