namespace RoleFerry.Grains.Security;

/// <summary>Keys of the platform (section <c>RoleFerry:Security</c>); the silo checks them at start.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "RoleFerry:Security";

    /// <summary>
    /// Base64 of 32 random bytes: the AES-256-GCM key that encrypts SMTP and IMAP passwords and the token key ring at
    /// rest (see <see cref="RoleFerry.Data.Secrets.SecretKeyRing"/>).
    /// </summary>
    public string SecretKey { get; set; } = "";

    /// <summary>Keys that were <see cref="SecretKey"/> before a rotation: still read, never written with.</summary>
    public string[] PreviousSecretKeys { get; set; } = [];

    /// <summary>Base64 of 32 random bytes: signs tracking, click and unsubscribe tokens.</summary>
    public string TokenSigningKey { get; set; } = "";
}
