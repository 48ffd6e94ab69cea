using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using RoleFerry.Api.Accounts;
using RoleFerry.Api.Analytics;
using RoleFerry.Api.Interviews;
using RoleFerry.Api.Notifications;
using RoleFerry.Api.Email;
using RoleFerry.Api.Inbox;
using RoleFerry.Api.Mailboxes;
using RoleFerry.Api.Sequences;
using RoleFerry.Api.Tracking;
using RoleFerry.Api.Applications;
using RoleFerry.Api.Companies;
using RoleFerry.Api.Contacts;
using RoleFerry.Api.Documents;
using RoleFerry.Api.Infrastructure;
using RoleFerry.Api.Jobs;
using RoleFerry.Api.Jobs.Import;
using RoleFerry.Api.Matching;
using RoleFerry.Api.Operations;
using RoleFerry.Api.Profile;

namespace RoleFerry.Api;

public static class ApiExtensions
{
    /// <summary>The Data Protection application name: every node must use the same one to share the key ring.</summary>
    public const string DataProtectionApplicationName = "RoleFerry";

    /// <summary>The services of the HTTP API: auth, validation, rate limits, OpenAPI.</summary>
    public static IServiceCollection AddRoleFerryApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>()
            .Bind(configuration.GetSection(ApiOptions.SectionName))
            .Validate(o => o.MaxRequestBodyBytes > 0, "RoleFerry:Api:MaxRequestBodyBytes must be positive.")
            .Validate(o => o.TokenLifetime > TimeSpan.Zero, "RoleFerry:Api:TokenLifetime must be positive.")
            .Validate(
                o => o.MaxFailedLogins > 0 && o.MaxFailedLoginsPerAccount > 0 && o.LockoutDuration > TimeSpan.Zero && o.MaxLockoutDuration >= o.LockoutDuration,
                "RoleFerry:Api lockout settings must be positive (MaxLockoutDuration at least LockoutDuration).")
            .Validate(o => o.TrustedProxies.All(p => TrustedProxies.TryParse(p) is not null), "RoleFerry:Api:TrustedProxies holds IP addresses or CIDR networks.")
            .Validate(o => o.AuthRateLimit.PermitLimit > 0 && o.AuthRateLimit.Window > TimeSpan.Zero, "RoleFerry:Api:AuthRateLimit must be positive.")
            .Validate(o => o.MatchCandidateLimit > 0, "RoleFerry:Api:MatchCandidateLimit must be positive.")
            .ValidateOnStart();
        services.AddOptions<JobImportOptions>()
            .Bind(configuration.GetSection(JobImportOptions.SectionName))
            .Validate(o => o.FetchTimeout > TimeSpan.Zero && o.MaxPageBytes > 0 && o.MaxRedirects >= 0 && o.MaxImportBytes > 0,
                "RoleFerry:Jobs fetch limits must be positive.")
            .ValidateOnStart();
        services.AddSingleton<JobPageFetcher>();
        services.TryAddSingleton(TimeProvider.System);

        // Errors: RFC 7807 everywhere, with the request id; bad JSON / parameters throw so the handler can name the field.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDefaults.Apply);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        // Bearer tokens protected with a key ring in PostgreSQL (encrypted at rest with a key derived from
        // RoleFerry:Security:SecretKey, which the silo checks at start): valid on every node and after restarts.
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new PostgresXmlRepository(sp.GetRequiredService<NpgsqlDataSource>());
            o.XmlEncryptor = new SecretKeyXmlEncryptor(KeyRingSecret.From(sp.GetRequiredService<IConfiguration>()));
        }));
        services.AddAuthentication(TokenIssuer.Scheme).AddBearerToken(TokenIssuer.Scheme);
        services.AddOptions<BearerTokenOptions>(TokenIssuer.Scheme).Configure<IOptions<ApiOptions>, TimeProvider>((o, api, clock) =>
        {
            o.BearerTokenExpiration = api.Value.TokenLifetime;
            o.TimeProvider = clock;
        });
        services.AddAuthorization(AdminPolicy.Add);
        services.AddSingleton<IPasswordHasher<AccountUser>, PasswordHasher<AccountUser>>();
        services.AddSingleton<TokenIssuer>();

        services.AddSingleton<AuthRateLimiter>();
        services.AddSingleton<LoginThrottle>();
        services.AddRoleFerryTrustedProxies();

        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<BearerSecurityTransformer>();
            o.AddDocumentTransformer<DocumentInfoTransformer>();
            o.AddOperationTransformer<BearerSecurityTransformer>();
        });
        return services;
    }

    /// <summary>
    /// The middleware of the HTTP API, in order: request id and request log, exception handler and problem details
    /// for bodiless errors, the 1 MiB body limit, Swagger UI (Development only), authentication, revoked tokens (password changed,
    /// account erased), authorization. (Register and login's rate limit is an endpoint filter: <see cref="AuthRateLimiter"/>.)
    /// Call it before <see cref="MapRoleFerryApi"/>.
    /// </summary>
    public static IApplicationBuilder UseRoleFerryApi(this IApplicationBuilder app)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        if (app.ApplicationServices.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            // Outside Development only the OpenAPI document is served (/openapi/v1.json), not the UI that tries it.
            app.UseSwaggerUI(o =>
            {
                o.RoutePrefix = "swagger";
                o.SwaggerEndpoint("/openapi/v1.json", "RoleFerry API v1");
            });
        }
        app.UseAuthentication();
        app.UseMiddleware<SessionValidationMiddleware>();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Maps every route of the public HTTP API (../shared/API.md).</summary>
    public static IEndpointRouteBuilder MapRoleFerryApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOperationsEndpoints();
        endpoints.MapOpenApi();
        endpoints.MapAccountsApi();
        endpoints.MapSequenceTemplatesApi();
        endpoints.MapSequencesApi();
        endpoints.MapAdminMailboxesApi();
        endpoints.MapEmailEventsApi();
        endpoints.MapTrackingApi();
        endpoints.MapProfileApi();
        endpoints.MapResumeFileApi();
        endpoints.MapCompaniesApi();
        endpoints.MapJobImportApi();
        endpoints.MapJobsApi();
        endpoints.MapMatchingApi();
        endpoints.MapApplicationsApi();
        endpoints.MapContactsApi();
        endpoints.MapResumeVersionsApi();
        endpoints.MapCoverLetterTemplatesApi();
        endpoints.MapCoverLettersApi();
        endpoints.MapAccountSettingsApi();
        endpoints.MapInterviewsApi();
        endpoints.MapNotificationsApi();
        endpoints.MapAnalyticsApi();
        endpoints.MapInboxApi();
        return endpoints;
    }
}
