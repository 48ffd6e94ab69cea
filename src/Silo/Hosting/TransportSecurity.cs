using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;
using RoleFerry.Grains.Email;

namespace RoleFerry.Silo.Hosting;

/// <summary>
/// When RoleFerry's public address (<c>RoleFerry:Email:PublicBaseUrl</c>) is https, browsers are told to use nothing
/// else (HSTS, one year, for every host name the silo answers: the decision is the public address's, not the host
/// name's) and plain-http requests are redirected to https on the public address's port, except the health checks
/// (load balancers and orchestrators probe them over plain http inside the network). Behind a TLS-terminating proxy
/// the request's scheme comes from its X-Forwarded-Proto (forwarded headers, honoured from trusted proxies only).
/// </summary>
public static class TransportSecurity
{
    public static IServiceCollection AddRoleFerryTransportSecurity(this IServiceCollection services)
    {
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.ExcludedHosts.Clear();
        });
        services.AddOptions<HttpsRedirectionOptions>().Configure<IOptions<EmailOptions>>((o, email) =>
        {
            if (Uri.TryCreate(email.Value.PublicBaseUrl, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps)
            {
                o.HttpsPort = url.Port;
            }
        });
        return services;
    }

    public static WebApplication UseRoleFerryTransportSecurity(this WebApplication app)
    {
        var publicUrl = app.Services.GetRequiredService<IOptions<EmailOptions>>().Value.PublicBaseUrl;
        if (Uri.TryCreate(publicUrl, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps)
        {
            app.UseHsts();
            app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health"), https => https.UseHttpsRedirection());
        }

        return app;
    }
}
