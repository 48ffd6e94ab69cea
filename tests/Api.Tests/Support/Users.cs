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

    public static Task<TestUser> NewUserAsync(this WebApplicationFactory<Program> factory, string? email = null) =>
        factory.RegisterAsync(email ?? NewEmail(), beforeLogin: null);

    /// <summary>
    /// A new user holding the admin flag, granted as the operator command grants it, between registering and the first
    /// login (the login activates the session grain, whose copy of the flag is then up to a minute old).
    /// </summary>
    public static Task<TestUser> NewAdminAsync(this WebApplicationFactory<Program> factory, string connectionString) =>
        factory.RegisterAsync(NewEmail(), email => TestAdmins.GrantAsync(connectionString, email));

    private static async Task<TestUser> RegisterAsync(this WebApplicationFactory<Program> factory, string email, Func<string, Task>? beforeLogin)
    {
        var client = factory.CreateClient();
        var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, fullName = "Ada Lovelace", mode = "job_seeker" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        if (beforeLogin is not null)
        {
            await beforeLogin(email);
        }

        var token = await LoginAsync(client, email, Password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new TestUser(id, email, Password, token, client);
    }

    public static async Task<string> LoginAsync(HttpClient client, string email, string password)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
