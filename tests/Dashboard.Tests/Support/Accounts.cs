using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RoleFerry.Testing;

namespace RoleFerry.Dashboard.Tests.Support;

/// <summary>Accounts through the API: register, then log in for a bearer token.</summary>
public static class Accounts
{
    public static string NewEmail() => $"u{Guid.NewGuid():N}@example.com";

    /// <summary>A new non-admin user's bearer token.</summary>
    public static Task<string> NewUserTokenAsync(HttpClient client) => RegisterAndLoginAsync(client, NewEmail());

    /// <summary>
    /// The admin's bearer token: <see cref="SiloSettings.AdminEmail"/>, registered on first use and given the admin flag
    /// in the silo's database (<paramref name="connectionString"/>) before its first authenticated request.
    /// </summary>
    public static Task<string> AdminTokenAsync(HttpClient client, string connectionString) =>
        RegisterAndLoginAsync(client, SiloSettings.AdminEmail, () => TestAdmins.GrantAsync(connectionString, SiloSettings.AdminEmail));

    /// <summary>
    /// Registers <paramref name="email"/> unless it exists, runs <paramref name="beforeLogin"/> (the operator's grant: the
    /// login activates the session grain, whose copy of the flag is then up to a minute old), logs in and returns the
    /// bearer token.
    /// </summary>
    public static async Task<string> RegisterAndLoginAsync(HttpClient client, string email, Func<Task>? beforeLogin = null)
    {
        var registered = await client.PostAsJsonAsync("/api/auth/register",
            new { email, password = SiloSettings.Password, fullName = "Ada Lovelace", mode = "job_seeker" });
        Assert.True(registered.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"register: {(int)registered.StatusCode}");
        if (beforeLogin is not null)
        {
            await beforeLogin();
        }

        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = SiloSettings.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
