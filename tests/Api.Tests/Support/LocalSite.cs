using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RoleFerry.Api.Tests.Support;

/// <summary>
/// A web site on 127.0.0.1 (Kestrel on a free port) standing in for the career sites RoleFerry fetches postings
/// from: each path answers what <see cref="Serve"/> set for it; <see cref="Hits"/> counts the requests per path.
/// A path served with <see cref="Hang"/> never answers (until the client gives up).
/// </summary>
public sealed class LocalSite : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _pages = new(StringComparer.Ordinal);
    private WebApplication _app = null!;

    public ConcurrentDictionary<string, int> Hits { get; } = new(StringComparer.Ordinal);

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<LocalSite> StartAsync()
    {
        var site = new LocalSite();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        site._app = builder.Build();
        site._app.Run(async context =>
        {
            site.Hits.AddOrUpdate(context.Request.Path, 1, (_, n) => n + 1);
            if (site._pages.TryGetValue(context.Request.Path, out var page))
            {
                await page(context);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        });
        await site._app.StartAsync();
        var address = site._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        site.BaseAddress = new Uri(address);
        return site;
    }

    public Uri Url(string path) => new(BaseAddress, path);

    public void Serve(string path, string body, string contentType = "text/html; charset=utf-8") =>
        _pages[path] = context =>
        {
            context.Response.ContentType = contentType;
            return context.Response.WriteAsync(body);
        };

    public void Redirect(string path, string to) => _pages[path] = context =>
    {
        context.Response.Redirect(to);
        return Task.CompletedTask;
    };

    public void Hang(string path) => _pages[path] = async context =>
    {
        var aborted = new TaskCompletionSource();
        await using (context.RequestAborted.Register(() => aborted.TrySetResult()))
        {
            await aborted.Task;
        }
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
