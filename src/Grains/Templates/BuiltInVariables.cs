namespace RoleFerry.Grains.Templates;

/// <summary>The template variables the platform fills in itself at enrolment (API: Sequences; <c>SequenceEnrollment</c>).</summary>
public static class BuiltInVariables
{
    public const string FirstName = "first_name";
    public const string LastName = "last_name";
    public const string FullName = "full_name";
    public const string Company = "company";

    /// <summary>The job title of the application.</summary>
    public const string Role = "role";

    /// <summary>The sender's (the user's) full name.</summary>
    public const string MyName = "my_name";
}
