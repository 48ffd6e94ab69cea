using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace RoleFerry.Web.Api;

/// <summary>
/// Where the pages' HTTP clients send their requests: <see cref="WebOptions.ApiBaseUrl"/>, else this silo's own
/// listening address (known once the server has started), with a wildcard host turned into loopback.
/// </summary>
public sealed class ApiAddress(IOptions<WebOptions> options, IServer server)
{
    private Uri? _resolved;

    public Uri BaseAddress => _resolved ??= options.Value.ApiBaseUrl ?? FromServer();

    private Uri FromServer()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException(
                $"The web app cannot find the API: this server listens on no address. Set {WebOptions.SectionName}:ApiBaseUrl.");
        var loopback = address
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://[::1]", StringComparison.Ordinal);
        return new Uri(loopback.TrimEnd('/') + "/");
    }
}
