using System.Net;

namespace RoleFerry.Api.Jobs.Import;

/// <summary>A page RoleFerry was asked to fetch resolves to a loopback, private or link-local address (refused).</summary>
public sealed class PrivateAddressException(string host, IPAddress address)
    : Exception($"{host} resolves to {address}, a loopback, private or link-local address; RoleFerry does not fetch pages there.");
