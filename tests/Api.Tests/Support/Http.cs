using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RoleFerry.Api.Tests.Support;

public static class Http
{
    /// <summary>Asserts the status and returns the JSON body.</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 7807 answer with this status (and, when given, an error for <paramref name="field"/>).</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected, string? field = null)
    {
        var problem = await response.JsonAsync(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        if (field is not null)
        {
            var messages = problem.GetProperty("errors").GetProperty(field);
            Assert.True(messages.GetArrayLength() > 0, $"no message for {field}");
        }

        return problem;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, object body) => client.PatchAsJsonAsync(url, body);

    public static IEnumerable<JsonElement> Items(this JsonElement page) => page.GetProperty("items").EnumerateArray();

    public static long Id(this JsonElement element) => element.GetProperty("id").GetInt64();

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
