namespace RoleFerry.Api.Email;

/// <summary>Message-IDs are stored without angle brackets.</summary>
public static class MessageIds
{
    public static string Bare(string value) => value.Trim().TrimStart('<').TrimEnd('>').Trim();
}
