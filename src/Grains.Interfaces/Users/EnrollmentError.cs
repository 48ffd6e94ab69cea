namespace RoleFerry.Grains.Interfaces.Users;

/// <summary>Why an enrollment was refused.</summary>
[GenerateSerializer, Alias("RoleFerry.EnrollmentError")]
public enum EnrollmentError
{
    /// <summary>The application, contact or template is not the user's (404).</summary>
    NotFound,
    /// <summary>The template uses variables that are neither built in nor supplied (400).</summary>
    MissingVariables,
    /// <summary>The contact opted out (409).</summary>
    OptedOut,
    /// <summary>The contact already has a live sequence for this application (409).</summary>
    AlreadyEnrolled,
    /// <summary>The tier's active-sequence quota is used up (429).</summary>
    QuotaExceeded,
    /// <summary>The contact's address is on the suppression list, from any user's outreach (409).</summary>
    Suppressed,
}
