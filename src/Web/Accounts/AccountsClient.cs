using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using RoleFerry.Web.Api;

namespace RoleFerry.Web.Accounts;

/// <summary><c>/api/auth/*</c> and <c>/api/me</c>.</summary>
public sealed class AccountsClient(HttpClient http)
{
    public Task<ApiResult<object>> RegisterAsync(string? email, string? password, string? fullName, string? mode, CancellationToken ct) =>
        http.SendAsync<object>(HttpMethod.Post, "/api/auth/register", new { email, password, fullName, mode }, ct);

    public Task<ApiResult<LoginToken>> LoginAsync(string? email, string? password, CancellationToken ct) =>
        http.SendAsync<LoginToken>(HttpMethod.Post, "/api/auth/login", new { email, password }, ct);

    /// <summary>The account of <paramref name="accessToken"/>, or null when the API refuses the token (401).</summary>
    public async Task<Me?> MeAsync(string accessToken, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ApiFailedException("GET /api/me", await ApiHttp.ProblemAsync(response, ct));
        }

        return await response.Content.ReadFromJsonAsync<Me>(ApiHttp.Json, ct);
    }

    /// <summary>The signed-in person's account.</summary>
    public Task<Me> MeAsync(CancellationToken ct) => http.ReadAsync<Me>("/api/me", ct);

    public Task<ApiResult<Me>> UpdateMeAsync(string? fullName, string? mode, string? timezone, CancellationToken ct) =>
        http.SendAsync<Me>(HttpMethod.Patch, "/api/me", new { fullName, mode, timezone }, ct);

    public Task<ApiProblem?> ChangePasswordAsync(string? currentPassword, string? newPassword, CancellationToken ct) =>
        http.SendAsync(HttpMethod.Post, "/api/me/password", new { currentPassword, newPassword }, ct);

    public Task<ApiProblem?> DeleteAsync(string? password, CancellationToken ct) =>
        http.SendAsync(HttpMethod.Delete, "/api/me", new { password }, ct);

    /// <summary>The export document as the API sends it (an attachment), streamed on to the browser.</summary>
    public Task<HttpResponseMessage> ExportAsync(CancellationToken ct) =>
        http.GetAsync("/api/me/export", HttpCompletionOption.ResponseHeadersRead, ct);
}
