using Microsoft.AspNetCore.Http;

namespace RoleFerry.Api.Infrastructure;

/// <summary>
/// The address a request came from, as the limits on passwords and anonymous routes count it: the connection's
/// peer, or the client a trusted proxy named in <c>X-Forwarded-For</c> (<see cref="TrustedProxies"/> rewrote the
/// connection's address before this runs; anyone else's header is ignored).
/// </summary>
public static class ClientAddress
{
    public const string Unknown = "unknown";

    public static string Of(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : Unknown;
}
