namespace RoleFerry.Web.Accounts;

public sealed class SignUpForm
{
    public string? FullName { get; set; }

    public string? Email { get; set; }

    public string? Password { get; set; }

    public string Mode { get; set; } = "job_seeker";
}
