using System.Net;
using System.Net.Http.Headers;

namespace RoleFerry.Dashboard.Tests.Support;

/// <summary>GETs that read only the status and headers (the dashboard's <c>/Trace</c> streams for an hour).</summary>
public static class Requests
{
    public static async Task<HttpResponseMessage> GetAsync(
        this HttpClient client, string url, string? bearer = null, string? cookie = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
    }

    /// <summary>The status of a GET; the body is not read (the response is disposed, which ends a stream).</summary>
    public static async Task<HttpStatusCode> StatusAsync(
        this HttpClient client, string url, string? bearer = null, string? cookie = null, string? accept = null)
    {
        using var response = await client.GetAsync(url, bearer, cookie, accept);
        return response.StatusCode;
    }

    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, string url, string? bearer = null, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The <c>Set-Cookie</c> header for <paramref name="name"/>, or null.</summary>
    public static string? SetCookie(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal))
            : null;
}
