using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using RoleFerry.Testing;

namespace RoleFerry.Api.Tests.Support;

public static class Users
{
    public const string Password = "correct horse battery";

    public static string NewEmail() => $"u{Guid.NewGuid():N}@example.com";

    public static async Task<TestUser> NewUserAsync(this WebApplicationFactory<Program> factory, string? email = null)
    {
        email ??= NewEmail();
        var client = factory.CreateClient();
        var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, fullName = "Ada Lovelace", mode = "job_seeker" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var token = await LoginAsync(client, email, Password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new TestUser(id, email, Password, token, client);
    }

    /// <summary>A new user holding the admin flag, granted as the operator command grants it (before any request of theirs).</summary>
    public static async Task<TestUser> NewAdminAsync(this WebApplicationFactory<Program> factory, string connectionString)
    {
        var admin = await factory.NewUserAsync();
        await TestAdmins.GrantAsync(connectionString, admin.Email);
        return admin;
    }

    public static async Task<string> LoginAsync(HttpClient client, string email, string password)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
