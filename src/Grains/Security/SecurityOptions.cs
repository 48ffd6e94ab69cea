namespace RoleFerry.Grains.Security;

/// <summary>Keys of the platform (section <c>RoleFerry:Security</c>).</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "RoleFerry:Security";

    /// <summary>
    /// Base64 of 32 random bytes: the AES-256-GCM key that encrypts SMTP passwords at rest. Required outside
    /// development; ./run.sh and the tests set their own.
    /// </summary>
    public string SecretKey { get; set; } = "";

    /// <summary>Base64 of at least 32 random bytes: signs tracking, click and unsubscribe tokens.</summary>
    public string TokenSigningKey { get; set; } = "";
}
