namespace RoleFerry.Web.Notifications;

/// <summary>A notification; <c>Link</c> is the API resource it is about.</summary>
public sealed record Notification(long Id, string Kind, string Title, string Body, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    /// <summary>The page of the resource the API link names (<c>/api/applications/7</c> → <c>/applications/7</c>), if the web app has one.</summary>
    public string? PageLink => Link switch
    {
        null => null,
        _ when Link.StartsWith("/api/admin/", StringComparison.Ordinal) => "/" + Link["/api/admin/".Length..],
        _ when Link.StartsWith("/api/", StringComparison.Ordinal) => "/" + Link["/api/".Length..],
        _ when Link.StartsWith('/') => Link,
        _ => null,
    };
}
