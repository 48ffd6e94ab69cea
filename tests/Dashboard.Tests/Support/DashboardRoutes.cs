using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RoleFerry.Silo.Dashboard;

namespace RoleFerry.Dashboard.Tests.Support;

/// <summary>
/// Every route the Orleans dashboard package maps under <c>/dashboard</c> (read from the silo's endpoints, so a route a
/// later package version adds is covered too), with a concrete URL for each: parameters get this silo's address, a
/// RoleFerry grain type or page 1.
/// </summary>
public static partial class DashboardRoutes
{
    public const string GrainType = "RoleFerry.Grains.Mailboxes.MailboxPoolGrain";

    /// <summary>RoleFerry's own routes under the prefix (sign-in page, session, sign-out), not the package's.</summary>
    public static readonly string[] Own = [DashboardAccess.SignInPath, DashboardAccess.SessionPath, DashboardAccess.SignOutPath];

    public static IReadOnlyList<RouteEndpoint> PackageEndpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => IsUnderPrefix(e.RoutePattern.RawText) && !Own.Contains(e.RoutePattern.RawText, StringComparer.OrdinalIgnoreCase))
            .ToList();

    /// <summary>A GET URL per package route: <c>(pattern, url)</c>.</summary>
    public static IReadOnlyList<(string Pattern, string Url)> Urls(IServiceProvider services, string siloAddress) =>
        PackageEndpoints(services)
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Get) != false)
            .Select(e => (e.RoutePattern.RawText!, Concrete(e.RoutePattern.RawText!, siloAddress)))
            .ToList();

    public static bool RequiresAdmin(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null
        && endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == RoleFerry.Api.Accounts.AdminPolicy.Name);

    private static bool IsUnderPrefix(string? pattern) =>
        pattern is not null
        && (pattern.Equals(DashboardAccess.RoutePrefix, StringComparison.OrdinalIgnoreCase)
            || pattern.StartsWith(DashboardAccess.RoutePrefix + "/", StringComparison.OrdinalIgnoreCase));

    private static string Concrete(string pattern, string siloAddress)
    {
        var url = Parameter().Replace(pattern, match => match.Groups["name"].Value.ToLowerInvariant() switch
        {
            "page" => "1",
            "grainname" => GrainType,
            "path" when pattern.Contains("/fonts/", StringComparison.OrdinalIgnoreCase) => "missing.woff2",
            "path" when pattern.Contains("/img/", StringComparison.OrdinalIgnoreCase) => "missing.png",
            _ => siloAddress,
        });
        return url.EndsWith("/GrainState", StringComparison.OrdinalIgnoreCase)
            ? $"{url}?grainId=platform&grainType={GrainType}"
            : url;
    }

    [GeneratedRegex(@"\{\**(?<name>\w+)(:[^}]*)?\??\}")]
    private static partial Regex Parameter();
}
