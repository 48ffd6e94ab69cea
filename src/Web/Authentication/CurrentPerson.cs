using Microsoft.AspNetCore.Http;

namespace RoleFerry.Web.Authentication;

/// <summary>The person of the current request (null on a public page nobody is signed in to).</summary>
public sealed class CurrentPerson(IHttpContextAccessor accessor)
{
    private Person? _person;

    public Person? Value => _person ??= PersonClaims.Read(accessor.HttpContext?.User);

    public Person Required => Value ?? throw new InvalidOperationException("No one is signed in on this request.");
}
