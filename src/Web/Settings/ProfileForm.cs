namespace RoleFerry.Web.Settings;

/// <summary>Name, timezone and account type (<c>PATCH /api/me</c>).</summary>
public sealed class ProfileForm
{
    public string? FullName { get; set; }

    public string? Timezone { get; set; }

    public string? Mode { get; set; }
}
