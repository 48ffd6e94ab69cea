namespace RoleFerry.Api.Accounts;

/// <summary>users.mode: what the account is for.</summary>
public static class UserModes
{
    public const string JobSeeker = "job_seeker";
    public const string Recruiter = "recruiter";

    public static bool IsValid(string? mode) => mode is JobSeeker or Recruiter;
}
