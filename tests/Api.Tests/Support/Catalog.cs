using System.Net;
using System.Text.Json;

namespace RoleFerry.Api.Tests.Support;

/// <summary>Companies and jobs for tests, through the API.</summary>
public static class Catalog
{
    public static string NewDomain() => $"c{Guid.NewGuid():N}.com";

    public static async Task<JsonElement> NewCompanyAsync(this HttpClient client, string? name = null, string? domain = null)
    {
        var response = await client.PostJsonAsync("/api/companies", new { name = name ?? "Acme", domain = domain ?? NewDomain() });
        return await response.JsonAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> NewJobAsync(
        this HttpClient client,
        long companyId,
        string title = "Backend Engineer",
        string? description = "We build APIs in C# and PostgreSQL.",
        string? location = null,
        bool remote = false,
        int? compMin = null,
        int? compMax = null,
        DateTimeOffset? postedDate = null,
        DateTimeOffset? expiresAt = null,
        string? externalId = null)
    {
        var response = await client.PostJsonAsync("/api/jobs", new
        {
            externalId,
            source = "manual",
            title,
            companyId,
            location,
            remote,
            description,
            compMin,
            compMax,
            postedDate,
            expiresAt,
        });
        return await response.JsonAsync(HttpStatusCode.Created);
    }
}
