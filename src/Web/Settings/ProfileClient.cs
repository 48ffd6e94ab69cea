using RoleFerry.Web.Api;

namespace RoleFerry.Web.Settings;

/// <summary><c>/api/me/resume</c> and <c>/api/me/preferences</c>.</summary>
public sealed class ProfileClient(HttpClient http)
{
    public Task<Resume?> ResumeAsync(CancellationToken ct) => http.FindAsync<Resume>("/api/me/resume", ct);

    public Task<ApiResult<Resume>> SaveResumeAsync(ResumeForm form, CancellationToken ct) =>
        http.SendAsync<Resume>(HttpMethod.Put, "/api/me/resume", form.ToRequest(), ct);

    public Task<Preferences?> PreferencesAsync(CancellationToken ct) => http.FindAsync<Preferences>("/api/me/preferences", ct);

    public Task<ApiResult<Preferences>> SavePreferencesAsync(PreferencesForm form, CancellationToken ct) =>
        http.SendAsync<Preferences>(HttpMethod.Put, "/api/me/preferences", form.ToRequest(), ct);
}
