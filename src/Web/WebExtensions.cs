using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using RoleFerry.Web.Accounts;
using RoleFerry.Web.Analytics;
using RoleFerry.Web.Inbox;
using RoleFerry.Web.Mailboxes;
using RoleFerry.Web.Notifications;
using RoleFerry.Web.Settings;
using RoleFerry.Web.Api;
using RoleFerry.Web.Applications;
using RoleFerry.Web.Contacts;
using RoleFerry.Web.Jobs;
using RoleFerry.Web.Sequences;
using RoleFerry.Web.Templates;
using RoleFerry.Web.Authentication;
using RoleFerry.Web.Layout;

namespace RoleFerry.Web;

/// <summary>
/// The web app in a host: Razor components rendered on the server (static SSR: no circuit, so any request may
/// go to any silo), a sign-in cookie of its own, antiforgery on every form, and one typed HTTP client per API
/// resource calling this silo's own API.
/// </summary>
public static class WebExtensions
{
    public static IServiceCollection AddRoleFerryWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebOptions>()
            .Bind(configuration.GetSection(WebOptions.SectionName))
            .Validate(o => o.ApiBaseUrl is null || (o.ApiBaseUrl.IsAbsoluteUri && o.ApiBaseUrl.Scheme is "http" or "https"),
                "RoleFerry:Web:ApiBaseUrl must be an absolute http(s) URL.")
            .Validate(o => o.ProfileRefresh > TimeSpan.Zero, "RoleFerry:Web:ProfileRefresh must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();

        services.AddAuthentication().AddCookie(WebAuthentication.Scheme, o =>
        {
            o.Cookie.Name = WebAuthentication.CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = WebAuthentication.SignInPath;
            o.LogoutPath = WebAuthentication.SignOutPath;
            o.AccessDeniedPath = WebAuthentication.AccessDeniedPath;
            o.ReturnUrlParameter = WebAuthentication.ReturnUrlParameter;
            o.SlidingExpiration = false;
            o.EventsType = typeof(SessionRefresher);
        });
        services.AddOptions<CookieAuthenticationOptions>(WebAuthentication.Scheme).Configure<IHostEnvironment>((o, environment) =>
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        services.AddAuthorization(WebPolicies.Add);
        services.AddScoped<SessionRefresher>();
        services.AddScoped<CurrentPerson>();
        services.AddScoped<WebSessions>();

        services.AddSingleton<ApiAddress>();
        services.AddTransient<ApiAuthorizationHandler>();
        services.AddApiClient<AccountsClient>();
        services.AddApiClient<JobsClient>();
        services.AddApiClient<ApplicationsClient>();
        services.AddApiClient<ContactsClient>();
        services.AddApiClient<SequencesClient>();
        services.AddApiClient<TemplatesClient>();
        services.AddApiClient<InboxClient>();
        services.AddApiClient<NotificationsClient>();
        services.AddApiClient<AnalyticsClient>();
        services.AddApiClient<ProfileClient>();
        services.AddApiClient<MailboxesClient>();
        return services;
    }

    /// <summary>After the API's authentication and authorization: antiforgery, the pages' own answers and the end of sessions the API refused.</summary>
    public static IApplicationBuilder UseRoleFerryWeb(this IApplicationBuilder app)
    {
        app.UseAntiforgery();
        app.UseMiddleware<PageRequestMiddleware>();
        return app;
    }

    /// <summary>The pages at <c>/</c>, their static files (CSS, blazor.web.js) and Sign out.</summary>
    public static IEndpointRouteBuilder MapRoleFerryWeb(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStaticAssets();
        endpoints.MapRazorComponents<App>();
        endpoints.MapPost(WebAuthentication.SignOutPath, async (HttpContext context) =>
            {
                await WebSessions.SignOutAsync(context);
                return Results.LocalRedirect("/");
            })
            .RequireAuthorization(WebPolicies.SignedIn)
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
        endpoints.MapGet("/settings/export", ExportAsync)
            .RequireAuthorization(WebPolicies.SignedIn)
            .ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Download my data: the API's export (<c>GET /api/me/export</c>, an attachment) passed on to the browser as it comes.</summary>
    private static async Task ExportAsync(HttpContext context, AccountsClient accounts)
    {
        using var export = await accounts.ExportAsync(context.RequestAborted);
        context.Response.StatusCode = (int)export.StatusCode;
        context.Response.ContentType = export.Content.Headers.ContentType?.ToString() ?? "application/json";
        if (export.Content.Headers.ContentDisposition is { } disposition)
        {
            context.Response.Headers.ContentDisposition = disposition.ToString();
        }

        context.Response.Headers.CacheControl = "no-store";
        await export.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private static IHttpClientBuilder AddApiClient<TClient>(this IServiceCollection services)
        where TClient : class =>
        services.AddHttpClient<TClient>((provider, client) => client.BaseAddress = provider.GetRequiredService<ApiAddress>().BaseAddress)
            .AddHttpMessageHandler<ApiAuthorizationHandler>();
}
