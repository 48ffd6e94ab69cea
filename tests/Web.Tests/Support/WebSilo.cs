using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using RoleFerry.Testing;

namespace RoleFerry.Web.Tests.Support;

/// <summary>
/// The silo processes the browser tests open pages on (Production: the sign-in cookie is Secure, which chromium
/// accepts on 127.0.0.1). One shared silo serves every test class that needs no cluster of its own, so classes run
/// in parallel against it; each test signs up its own people. The shared silo is killed when the test process exits.
/// </summary>
public static class WebSilo
{
    public const string AdminEmail = "admin@roleferry.test";

    public const string Password = "correct horse battery";

    public static readonly string WebhookSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static readonly Lazy<Task<SiloProcess>> Shared = new(StartSharedAsync);

    /// <summary>The silo every test class shares (started on first use).</summary>
    public static Task<SiloProcess> SharedAsync() => Shared.Value;

    /// <summary>A silo's settings: its database, fresh secrets, its own ports, the cluster it joins.</summary>
    public static Dictionary<string, string?> Settings(string connectionString, string clusterId) => new()
    {
        ["ConnectionStrings:RoleFerry"] = connectionString,
        ["RoleFerry:Security:SecretKey"] = SecretKey,
        ["RoleFerry:Security:TokenSigningKey"] = TokenSigningKey,
        ["RoleFerry:WebhookSecret"] = WebhookSecret,
        ["RoleFerry:Api:AuthRateLimit:PermitLimit"] = "100000",
        ["RoleFerry:Cluster:ClusterId"] = clusterId,
        ["RoleFerry:Cluster:ServiceId"] = clusterId,
        ["RoleFerry:Cluster:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["RoleFerry:Cluster:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["RoleFerry:Cluster:AdvertisedAddress"] = "127.0.0.1",
        ["RoleFerry:Inbox:PollInterval"] = "00:00:01",
        ["RoleFerry:Inbox:RetryBaseDelay"] = "00:00:00.200",
        ["RoleFerry:Inbox:MaxRetryDelay"] = "00:00:02",
    };

    /// <summary>
    /// An admin's bearer token on <paramref name="silo"/>: the admin account is signed up on first use and granted the
    /// admin flag as the operator command does, before its first sign-in.
    /// </summary>
    public static async Task<string> AdminTokenAsync(SiloProcess silo)
    {
        using var http = silo.Client();
        await http.PostAsJsonAsync("/api/auth/register", new { email = AdminEmail, password = Password, fullName = "Ada Admin", mode = "recruiter" });
        await TestAdmins.GrantAsync(silo.ConnectionString, AdminEmail);
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { email = AdminEmail, password = Password });
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    // One key ring secret for every silo of these tests: silos of one cluster must share it.
    private static readonly string SecretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string TokenSigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static async Task<SiloProcess> StartSharedAsync()
    {
        var silo = await SiloProcess.StartAsync(Environments.Production, Settings(await TestDatabase.CreateAsync(), "web-tests"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => silo.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return silo;
    }
}
