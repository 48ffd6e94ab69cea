using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace RoleFerry.Bench;

/// <summary>
/// The measured user's set-up through the public API (../shared/API.md): register (a real password hash), log in
/// (a real bearer token), PUT the resume and the preferences matching reads; and GETs that check an answer.
/// </summary>
public sealed class ApiClient(Uri baseAddress) : IDisposable
{
    public const string Email = "load.seeker@bench.example";
    public const string Password = "bench-password-0123456789";

    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public async Task<long> RegisterAsync()
    {
        using var response = await _http.PostAsJsonAsync("/api/auth/register",
            new { email = Email, password = Password, fullName = "Load Seeker", mode = "job_seeker" });
        return (await ReadAsync(response, HttpStatusCode.Created)).RootElement.GetProperty("id").GetInt64();
    }

    public async Task<string> LoginAsync()
    {
        using var response = await _http.PostAsJsonAsync("/api/auth/login", new { email = Email, password = Password });
        var token = (await ReadAsync(response, HttpStatusCode.OK)).RootElement.GetProperty("accessToken").GetString()!;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return token;
    }

    /// <summary>A backend engineer's resume and preferences; two companies hidden so the NOT EXISTS filter has work.</summary>
    public async Task PutProfileAsync()
    {
        using (var resume = await _http.PutAsJsonAsync("/api/me/resume", new
               {
                   roles = new[] { new { title = "Senior Backend Engineer", company = "Cobalt Systems", tenure = "2019-2025" } },
                   keyMetrics = new[] { "Cut p99 latency of the payments API from 900 ms to 120 ms" },
                   accomplishments = new[] { "Led the move of 40 services to Kubernetes" },
                   skills = new[] { "C#", ".NET", "PostgreSQL", "Kafka", "Docker", "Kubernetes", "AWS", "Terraform", "SQL", "Python" },
                   rawText = "Backend engineer, ten years of C# and .NET, PostgreSQL, Kafka, Kubernetes on AWS.",
               }))
        {
            await ReadAsync(resume, HttpStatusCode.OK);
        }

        using var preferences = await _http.PutAsJsonAsync("/api/me/preferences", new
        {
            values = new[] { "ownership", "learning" },
            roleTypes = new[] { "full_time" },
            locations = new[] { "Berlin", "Amsterdam" },
            remoteOk = true,
            roleLevels = new[] { "senior", "staff" },
            companySizes = new[] { "51-200", "201-1000" },
            industries = new[] { "software", "fintech" },
            skills = new[] { "microservices", "grpc", "redis" },
            hiddenCompanies = new[] { "Northwind Labs 0", "company1.bench.example" },
            minSalary = 90_000,
            maxSalary = 180_000,
        });
        await ReadAsync(preferences, HttpStatusCode.OK);
    }

    /// <summary>GET with the bearer token; the answer must be 200 (then its JSON is returned).</summary>
    public async Task<JsonDocument> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return await ReadAsync(response, HttpStatusCode.OK);
    }

    private static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {body}");
        }

        return JsonDocument.Parse(body);
    }

    public void Dispose() => _http.Dispose();
}
