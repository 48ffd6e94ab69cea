namespace RoleFerry.Api.Tests.Support;

/// <summary>
/// Every route of the accounts/profile/catalogue/tracker/contacts/interviews/notifications/analytics API, as the OpenAPI
/// document names them.
/// </summary>
public static class Routes
{
    public static readonly (string Method, string Path)[] Anonymous =
    [
        ("POST", "/api/auth/register"),
        ("POST", "/api/auth/login"),
    ];

    public static readonly (string Method, string Path)[] Authenticated =
    [
        ("GET", "/api/me"),
        ("PUT", "/api/me/resume"),
        ("GET", "/api/me/resume"),
        ("POST", "/api/me/resume/file"),
        ("GET", "/api/me/resume/file"),
        ("PUT", "/api/me/preferences"),
        ("GET", "/api/me/preferences"),
        ("POST", "/api/companies"),
        ("GET", "/api/companies"),
        ("GET", "/api/companies/{id}"),
        ("POST", "/api/jobs"),
        ("GET", "/api/jobs"),
        ("GET", "/api/jobs/{id}"),
        ("GET", "/api/jobs/matched"),
        ("POST", "/api/jobs/import"),
        ("POST", "/api/applications"),
        ("GET", "/api/applications"),
        ("GET", "/api/applications/status-counts"),
        ("GET", "/api/applications/{id}"),
        ("PATCH", "/api/applications/{id}"),
        ("DELETE", "/api/applications/{id}"),
        ("GET", "/api/applications/{id}/history"),
        ("POST", "/api/contacts"),
        ("GET", "/api/contacts"),
        ("GET", "/api/contacts/{id}"),
        ("PATCH", "/api/contacts/{id}"),
        ("DELETE", "/api/contacts/{id}"),
        ("PATCH", "/api/me"),
        ("POST", "/api/me/password"),
        ("GET", "/api/me/export"),
        ("DELETE", "/api/me"),
        ("GET", "/api/sequences"),
        ("GET", "/api/applications/{id}/timeline"),
        ("POST", "/api/applications/{id}/interviews"),
        ("GET", "/api/applications/{id}/interviews"),
        ("PATCH", "/api/interviews/{id}"),
        ("DELETE", "/api/interviews/{id}"),
        ("GET", "/api/analytics/outreach"),
        ("POST", "/api/applications/{id}/resume-versions"),
        ("GET", "/api/resume-versions/{id}"),
        ("PATCH", "/api/resume-versions/{id}"),
        ("GET", "/api/resume-versions/{id}/document"),
        ("GET", "/api/cover-letter-templates"),
        ("POST", "/api/cover-letter-templates"),
        ("GET", "/api/cover-letter-templates/{id}"),
        ("PUT", "/api/cover-letter-templates/{id}"),
        ("DELETE", "/api/cover-letter-templates/{id}"),
        ("POST", "/api/applications/{id}/cover-letters"),
        ("GET", "/api/cover-letters/{id}"),
        ("PATCH", "/api/cover-letters/{id}"),
        ("GET", "/api/cover-letters/{id}/document"),
        ("GET", "/api/notifications"),
        ("POST", "/api/notifications/{id}/read"),
        ("POST", "/api/notifications/read-all"),
    ];

    public static IEnumerable<object[]> AuthenticatedData() => Authenticated.Select(r => new object[] { r.Method, r.Path });
}
