using System.Globalization;
using System.Security.Cryptography;
using RoleFerry.Testing;

namespace RoleFerry.Dashboard.Tests.Support;

/// <summary>The configuration of a test silo: its database, fresh secrets, free silo/gateway ports.</summary>
public static class SiloSettings
{
    public const string AdminEmail = "admin@roleferry.test";

    public const string Password = "correct horse battery";

    public static Dictionary<string, string?> For(string connectionString, int siloPort, int gatewayPort) => new()
    {
        ["ConnectionStrings:RoleFerry"] = connectionString,
        ["RoleFerry:Security:SecretKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["RoleFerry:Security:TokenSigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["RoleFerry:WebhookSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["RoleFerry:Api:AuthRateLimit:PermitLimit"] = "100000",
        ["RoleFerry:Cluster:ClusterId"] = "dashboard-tests",
        ["RoleFerry:Cluster:ServiceId"] = "dashboard-tests",
        ["RoleFerry:Cluster:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
        ["RoleFerry:Cluster:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
        ["RoleFerry:Cluster:AdvertisedAddress"] = "127.0.0.1",
    };

    public static Dictionary<string, string?> For(string connectionString) => For(connectionString, FreePort.Next(), FreePort.Next());
}
