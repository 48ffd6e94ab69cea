using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Orleans;
using RoleFerry.Grains.Interfaces.Email;
using RoleFerry.Data.Tracking;

namespace RoleFerry.Api.Tracking;

/// <summary>
/// Public tracking routes, all driven by signed tokens: open pixel, click redirect (only to a link the token was
/// made for), one-click unsubscribe (RFC 8058) and LivePages. Each records its event once.
/// </summary>
public static class TrackingApi
{
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static IEndpointRouteBuilder MapTrackingApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("").AllowAnonymous().WithTags("Tracking");
        group.MapGet("/t/o/{token}", OpenAsync).WithName("TrackOpen")
            .WithSummary("The open pixel: a 1x1 GIF; records the email's open.")
            .Produces(StatusCodes.Status200OK, contentType: "image/gif");
        group.MapGet("/t/c/{token}", ClickAsync).WithName("TrackClick")
            .WithSummary("A tracked link: records the click and redirects to the link the token was made for.")
            .Produces(StatusCodes.Status302Found).Produces(StatusCodes.Status404NotFound);
        group.MapGet("/u/{token}", UnsubscribePage).WithName("UnsubscribePage")
            .WithSummary("The unsubscribe confirmation page, with one button.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html").Produces(StatusCodes.Status404NotFound);
        group.MapPost("/u/{token}", UnsubscribeAsync).WithName("Unsubscribe")
            .WithSummary("One-click unsubscribe (RFC 8058): the contact is opted out and its sequences stop.")
            .DisableAntiforgery().Produces(StatusCodes.Status200OK, contentType: "text/html").Produces(StatusCodes.Status404NotFound);
        group.MapGet("/p/{slug}", LivePageAsync).WithName("GetLivePage")
            .WithSummary("A LivePage: the public page of an application.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html").Produces(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<FileContentHttpResult> OpenAsync(string token, TrackingTokenCodec codec, NpgsqlDataSource db, IGrainFactory grains, TimeProvider clock, HttpContext http)
    {
        if (codec.TryRead(token, out var payload) && payload.Kind == TrackingKind.Open)
        {
            await RecordAsync(db, grains, clock, payload.OutreachId, EmailEventTypes.Open, $"open:{payload.OutreachId}:{http.TraceIdentifier}");
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(Pixel, "image/gif");
    }

    private static async Task<Results<RedirectHttpResult, NotFound>> ClickAsync(string token, TrackingTokenCodec codec, NpgsqlDataSource db, IGrainFactory grains, TimeProvider clock, HttpContext http)
    {
        if (!codec.TryRead(token, out var payload) || payload.Kind != TrackingKind.Click || payload.Url is null
            || !Uri.TryCreate(payload.Url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            return TypedResults.NotFound();
        }

        if (!await RecordAsync(db, grains, clock, payload.OutreachId, EmailEventTypes.Click, $"click:{payload.OutreachId}:{http.TraceIdentifier}"))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Redirect(target.AbsoluteUri);
    }

    private static Results<ContentHttpResult, NotFound> UnsubscribePage(string token, TrackingTokenCodec codec)
    {
        if (!codec.TryRead(token, out var payload) || payload.Kind != TrackingKind.Unsubscribe)
        {
            return TypedResults.NotFound();
        }

        var action = WebUtility.HtmlEncode($"/u/{token}");
        return TypedResults.Content(
            $"""
            <!doctype html><html><head><meta charset="utf-8"><title>Unsubscribe</title></head>
            <body><h1>Unsubscribe</h1><p>Stop receiving these emails?</p>
            <form method="post" action="{action}"><button type="submit" name="List-Unsubscribe" value="One-Click">Unsubscribe</button></form>
            </body></html>
            """, "text/html", Encoding.UTF8);
    }

    private static async Task<Results<ContentHttpResult, NotFound>> UnsubscribeAsync(string token, TrackingTokenCodec codec, NpgsqlDataSource db, IGrainFactory grains, TimeProvider clock)
    {
        if (!codec.TryRead(token, out var payload) || payload.Kind != TrackingKind.Unsubscribe
            || !await RecordAsync(db, grains, clock, payload.OutreachId, EmailEventTypes.Unsubscribe, $"unsubscribe:{payload.OutreachId}"))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Content(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>Unsubscribed</title></head><body><p>You are unsubscribed. You will not receive further emails of this sequence.</p></body></html>",
            "text/html", Encoding.UTF8);
    }

    private static async Task<Results<ContentHttpResult, NotFound>> LivePageAsync(string slug, NpgsqlDataSource db, HttpContext http)
    {
        await using var command = db.Command(
            """
            WITH page AS (SELECT id, title, content::text AS content FROM livepages WHERE slug = $1),
                 view AS (INSERT INTO livepage_views (livepage_id, event_id, viewed_at, ip_hash, user_agent)
                          SELECT id, $2, now(), $3, $4 FROM page ON CONFLICT (event_id) DO NOTHING)
            SELECT title, content FROM page
            """,
            slug, $"view:{http.TraceIdentifier}", Hash(http.Connection.RemoteIpAddress?.ToString()), http.Request.Headers.UserAgent.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return TypedResults.NotFound();
        }

        var title = WebUtility.HtmlEncode(reader.GetStringOrNull(0) ?? "");
        var content = WebUtility.HtmlEncode(reader.GetStringOrNull(1) ?? "");
        return TypedResults.Content(
            $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1><pre>{content}</pre></body></html>",
            "text/html", Encoding.UTF8);
    }

    /// <summary>Applies a tracking event to the outreach the token names; false when it does not exist.</summary>
    private static async Task<bool> RecordAsync(NpgsqlDataSource db, IGrainFactory grains, TimeProvider clock, long outreachId, string type, string eventId)
    {
        if (await db.ScalarAsync("SELECT message_id FROM outreach WHERE id = $1", outreachId) is not string messageId)
        {
            return false;
        }

        return await grains.GetGrain<IEmailEventGrain>(messageId)
            .ApplyAsync(new EmailEvent(eventId, type, clock.GetUtcNow(), null, null));
    }

    private static string Hash(string? value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value ?? "")))[..16];
}
