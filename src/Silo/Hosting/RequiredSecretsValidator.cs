namespace RoleFerry.Silo.Hosting;

/// <summary>Stops start-up with a clear message when a secret the silo cannot work without is missing.</summary>
internal static class RequiredSecretsValidator
{
    private static readonly string[] Required =
    [
        "RoleFerry:Security:SecretKey",
        "RoleFerry:Security:TokenSigningKey",
        "RoleFerry:WebhookSecret",
    ];

    public static void Validate(IConfiguration configuration)
    {
        var missing = Required.Where(key => string.IsNullOrWhiteSpace(configuration[key])).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                "Missing configuration: " + string.Join(", ", missing.Select(k => $"{k} (env {k.Replace(":", "__", StringComparison.Ordinal)})"))
                + ". Keys are base64 of 32 random bytes, e.g. `openssl rand -base64 32`; ./run.sh uses development keys.");
        }
    }
}
