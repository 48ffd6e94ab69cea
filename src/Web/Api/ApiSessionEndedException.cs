namespace RoleFerry.Web.Api;

/// <summary>
/// The API refused the signed-in person's token (401): it expired, the password was changed or the account was
/// deleted elsewhere. <see cref="Layout.PageRequestMiddleware"/> signs the cookie out and sends the person
/// to Sign in.
/// </summary>
public sealed class ApiSessionEndedException() : Exception("The API no longer accepts this session's token.");
