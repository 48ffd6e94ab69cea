using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace RoleFerry.Api.Tests.Support;

/// <summary>
/// The in-memory test server has no connection, so no peer address: requests come from 127.0.0.1 here, as a client
/// (or a proxy) on the same machine would, before anything else reads the address (the trusted proxies' headers).
/// </summary>
public sealed class LoopbackPeer : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
            return nextMiddleware(context);
        });
        next(app);
    };
}
