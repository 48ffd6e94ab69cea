using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;

namespace RoleFerry.Web.Api;

/// <summary>
/// How the typed clients talk to the API: JSON in and out (camelCase, nulls left out), reads that throw on an
/// unexpected status, and commands that answer the API's problem details for the page to show.
/// </summary>
public static class ApiHttp
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A path with the query parameters that have a value (null and blank ones are left out).</summary>
    public static string Query(string path, params (string Name, object? Value)[] parameters)
    {
        var values = new List<KeyValuePair<string, string?>>();
        foreach (var (name, value) in parameters)
        {
            var text = value switch
            {
                null => null,
                bool b => b ? "true" : "false",
                DateTimeOffset time => time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            if (!string.IsNullOrWhiteSpace(text))
            {
                values.Add(new(name, text));
            }
        }

        return QueryHelpers.AddQueryString(path, values);
    }

    /// <summary>A read the page cannot do without: its value, else <see cref="ApiFailedException"/>.</summary>
    public static async Task<T> ReadAsync<T>(this HttpClient http, string url, CancellationToken ct = default)
    {
        using var response = await http.GetAsync(url, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new ApiFailedException($"GET {url}", await ProblemAsync(response, ct));
        }

        return (await response.Content.ReadFromJsonAsync<T>(Json, ct))!;
    }

    /// <summary>A read of one resource: null when the API answers 404 (someone else's or gone).</summary>
    public static async Task<T?> FindAsync<T>(this HttpClient http, string url, CancellationToken ct = default)
        where T : class
    {
        using var response = await http.GetAsync(url, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ApiFailedException($"GET {url}", await ProblemAsync(response, ct));
        }

        return await response.Content.ReadFromJsonAsync<T>(Json, ct);
    }

    /// <summary>A command with an answer: the value, or the API's problem (4xx); a 5xx throws.</summary>
    public static async Task<ApiResult<T>> SendAsync<T>(
        this HttpClient http, HttpMethod method, string url, object? body = null, CancellationToken ct = default)
    {
        using var response = await SendCoreAsync(http, method, url, body, ct);
        if (response.IsSuccessStatusCode)
        {
            return ApiResult<T>.Success((await response.Content.ReadFromJsonAsync<T>(Json, ct))!);
        }

        return ApiResult<T>.Failure(await FailureAsync(method, url, response, ct));
    }

    /// <summary>A command without an answer (204): null, or the API's problem (4xx); a 5xx throws.</summary>
    public static async Task<ApiProblem?> SendAsync(
        this HttpClient http, HttpMethod method, string url, object? body = null, CancellationToken ct = default)
    {
        using var response = await SendCoreAsync(http, method, url, body, ct);
        return response.IsSuccessStatusCode ? null : await FailureAsync(method, url, response, ct);
    }

    /// <summary>The problem details of an answer; a body that is not problem JSON gives the status and its reason.</summary>
    public static async Task<ApiProblem> ProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var title = response.ReasonPhrase ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<ProblemBody>(Json, ct);
            if (problem is not null)
            {
                return new ApiProblem(status, problem.Title ?? title, problem.Detail, problem.Errors ?? new Dictionary<string, string[]>());
            }
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            // not problem JSON: the status says it all
        }

        return new ApiProblem(status, title, null, new Dictionary<string, string[]>());
    }

    private static Task<HttpResponseMessage> SendCoreAsync(HttpClient http, HttpMethod method, string url, object? body, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        return http.SendAsync(request, ct);
    }

    private static async Task<ApiProblem> FailureAsync(HttpMethod method, string url, HttpResponseMessage response, CancellationToken ct)
    {
        var problem = await ProblemAsync(response, ct);
        if (problem.Status >= 500)
        {
            throw new ApiFailedException($"{method} {url}", problem);
        }

        return problem;
    }

    private sealed record ProblemBody(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}
