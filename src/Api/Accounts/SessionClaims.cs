namespace RoleFerry.Api.Accounts;

/// <summary>The claims of a bearer token that tie it to one login of one user (see <see cref="SessionValidationMiddleware"/>).</summary>
public static class SessionClaims
{
    /// <summary>users.security_stamp when the token was issued; a password change turns the stamp.</summary>
    public const string Stamp = "roleferry:stamp";

    /// <summary>A random id per login: the session that changes the password keeps working (users.password_session).</summary>
    public const string Session = "roleferry:session";
}
