using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RoleFerry.Api.Infrastructure;

/// <summary>
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed only from the proxies of
/// <see cref="ApiOptions.TrustedProxies"/> (addresses or CIDR networks, e.g. the load balancer of docker-compose.yml),
/// and only their last hop: a client cannot pick the address its attempts are counted under, nor claim https. With
/// no trusted proxy the headers are ignored (the connection's own address and scheme count).
/// </summary>
public static class TrustedProxies
{
    public static IServiceCollection AddRoleFerryTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ApiOptions>>((forwarded, api) =>
        {
            // With no known proxy at all ASP.NET Core would believe anyone's headers: then none are read.
            forwarded.ForwardedHeaders = api.Value.TrustedProxies.Length == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = 1;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in api.Value.TrustedProxies)
            {
                forwarded.KnownIPNetworks.Add(Parse(proxy));
            }
        });
        return services;
    }

    /// <summary>The forwarded headers of trusted proxies; call it first in the pipeline.</summary>
    public static IApplicationBuilder UseRoleFerryTrustedProxies(this IApplicationBuilder app) => app.UseForwardedHeaders();

    /// <summary>An address (one host) or a CIDR network; null when it is neither.</summary>
    public static System.Net.IPNetwork? TryParse(string value) =>
        System.Net.IPNetwork.TryParse(value.Trim(), out var network) ? network
        : IPAddress.TryParse(value.Trim(), out var address) ? new System.Net.IPNetwork(address, address.GetAddressBytes().Length * 8)
        : null;

    private static System.Net.IPNetwork Parse(string value) =>
        TryParse(value) ?? throw new InvalidOperationException($"{ApiOptions.SectionName}:{nameof(ApiOptions.TrustedProxies)}: '{value}' is not an IP address or a CIDR network.");
}
