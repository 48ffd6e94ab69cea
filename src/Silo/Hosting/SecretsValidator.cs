using RoleFerry.Data.Secrets;

namespace RoleFerry.Silo.Hosting;

/// <summary>
/// Stops start-up with a clear message naming the setting when a secret is missing or malformed (everywhere), or
/// is one of the development values of appsettings.Development.json (outside Development: those values are public,
/// so a silo running with them would accept forged webhooks and tracking tokens and decrypt with a known key).
/// </summary>
public static class SecretsValidator
{
    public const string WebhookSecretSetting = "RoleFerry:WebhookSecret";

    public const string TokenSigningKeySetting = "RoleFerry:Security:TokenSigningKey";

    /// <summary>The shortest webhook secret accepted outside Development.</summary>
    public const int MinWebhookSecretLength = 16;

    /// <summary>The values of appsettings.Development.json (a test keeps the two the same).</summary>
    public static readonly IReadOnlyDictionary<string, string> DevelopmentValues = new Dictionary<string, string>
    {
        [SecretKeyRing.SecretKeySetting] = "XZrU/ude4OQmnJMbjkuTPh2LOe2EOsWiD68a3UREtqk=",
        [TokenSigningKeySetting] = "uVUq+NTcU4EwxRljVM8G2FzG/XzKcCXdBKDyITNeXEY=",
        [WebhookSecretSetting] = "development-webhook-secret",
    };

    public static void Validate(IConfiguration configuration, IHostEnvironment environment)
    {
        var problems = new List<string>();
        Check(problems, () => SecretKeyRing.From(
            configuration[SecretKeyRing.SecretKeySetting],
            configuration.GetSection(SecretKeyRing.PreviousKeysSetting).GetChildren().Select(c => c.Value ?? "")));
        Check(problems, () => SecretKeyRing.Decode(configuration[TokenSigningKeySetting], TokenSigningKeySetting));
        var webhook = configuration[WebhookSecretSetting];
        if (string.IsNullOrWhiteSpace(webhook))
        {
            problems.Add($"{WebhookSecretSetting} is not set: the HMAC secret of POST /api/webhooks/email-events (`openssl rand -base64 32`).");
        }
        else if (!environment.IsDevelopment() && webhook.Trim().Length < MinWebhookSecretLength)
        {
            problems.Add($"{WebhookSecretSetting} is shorter than {MinWebhookSecretLength} characters (`openssl rand -base64 32`).");
        }

        if (!environment.IsDevelopment())
        {
            problems.AddRange(DevelopmentValues
                .Where(development => string.Equals(configuration[development.Key]?.Trim(), development.Value, StringComparison.Ordinal))
                .Select(development => $"{development.Key} is the development value of appsettings.Development.json, refused outside Development."));
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"The silo's secrets are not usable ({environment.EnvironmentName}): "
                + string.Join(" ", problems.Select(p => $"{p} (env {EnvName(p)})"))
                + " ./run.sh generates its own under .data/.");
        }
    }

    private static void Check(List<string> problems, Action decode)
    {
        try
        {
            decode();
        }
        catch (InvalidOperationException e)
        {
            problems.Add(e.Message);
        }
    }

    /// <summary>The environment variable of the setting a problem starts with.</summary>
    private static string EnvName(string problem) => problem.Split(' ', 2)[0].Replace(":", "__", StringComparison.Ordinal);
}
