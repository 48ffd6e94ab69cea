using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using RoleFerry.Api.Infrastructure;
using RoleFerry.Grains.Interfaces.Users;

namespace RoleFerry.Api.Accounts;

/// <summary><c>/api/auth/register</c>, <c>/api/auth/login</c> (anonymous, rate limited) and <c>/api/me</c>.</summary>
public static class AccountsApi
{
    // Verified against when the email is unknown, so an unknown email costs the same time as a wrong password.
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<AccountUser>().HashPassword(new AccountUser(0, ""), Guid.NewGuid().ToString()));

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/api/auth")
            .WithTags("Accounts")
            .AllowAnonymous()
            .AddEndpointFilter(AuthRateLimiter.FilterAsync)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/register", RegisterAsync)
            .WithName("Register")
            .WithSummary("Creates an account; 409 when the email (case-insensitive) is taken.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        auth.MapPost("/login", LoginAsync)
            .WithName("Login")
            .WithSummary("Exchanges email and password for a bearer token; 5 wrong passwords in a row lock the account (423).")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status423Locked);

        endpoints.MapGet("/api/me", GetMeAsync)
            .WithTags("Accounts")
            .WithName("GetMe")
            .WithSummary("The caller's account: profile, timezone, tier, credits and whether they are an admin.")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    internal static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterRequest request, IGrainFactory grains, IPasswordHasher<AccountUser> hasher)
    {
        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var email = request.Email!.Trim();
        var hash = hasher.HashPassword(new AccountUser(0, email), request.Password!);
        var registered = await grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.PlatformKey)
            .RegisterAsync(new NewUser(email, hash, request.FullName!.Trim(), request.Mode!));
        return registered is null
            ? Problems.Conflict("An account with this email already exists.")
            : TypedResults.Created("/api/me", new UserResponse(registered.Id, registered.Email, registered.FullName, registered.Mode, registered.Tier));
    }

    internal static async Task<Results<Ok<LoginResponse>, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request,
        NpgsqlDataSource db,
        IPasswordHasher<AccountUser> hasher,
        TokenIssuer tokens,
        IGrainFactory grains,
        IOptions<ApiOptions> options,
        TimeProvider clock,
        HttpContext context,
        CancellationToken ct)
    {
        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var now = clock.GetUtcNow();
        long id;
        string email;
        string hash;
        DateTimeOffset? lockedUntil;
        Guid stamp;
        await using (var find = db.Command(
            """
            SELECT id, email, password_hash, locked_until, security_stamp FROM users WHERE lower(email) = lower($1)
            """,
            request.Email!.Trim()))
        await using (var reader = await find.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                hasher.VerifyHashedPassword(new AccountUser(0, ""), DummyHash.Value, request.Password!);
                return Problems.Unauthorized("The email or the password is wrong.");
            }

            id = reader.Get<long>("id");
            email = reader.Get<string>("email");
            hash = reader.Get<string>("password_hash");
            lockedUntil = reader.GetOrNull<DateTimeOffset>("locked_until");
            stamp = reader.Get<Guid>("security_stamp");
        }

        if (lockedUntil > now)
        {
            return LockedUntil(context, lockedUntil.Value, now);
        }

        var user = new AccountUser(id, email);
        var verdict = hasher.VerifyHashedPassword(user, hash, request.Password!);
        var session = grains.GetGrain<ISessionGrain>(id);
        if (verdict == PasswordVerificationResult.Failed)
        {
            // Counted atomically; the failure that reaches the limit locks the account and restarts the count.
            return await session.RecordFailedLoginAsync(now, options.Value.MaxFailedLogins, options.Value.LockoutDuration)
                ? Problems.Unauthorized("The email or the password is wrong.")
                : Problems.Locked("The account is locked after too many wrong passwords; try again later.");
        }

        var rehashed = verdict == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(user, request.Password!) : null;
        if (!await session.RecordLoginAsync(now, rehashed))
        {
            return Problems.Locked("The account is locked after too many wrong passwords; try again later.");
        }

        return TypedResults.Ok(tokens.Issue(id, email, stamp));
    }

    internal static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> GetMeAsync(
        ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct) =>
        await MeRows.FindAsync(db, principal.GetUserId(), ct) is { } me
            ? TypedResults.Ok(me)
            : Problems.NotFound("The account no longer exists.");

    private static ProblemHttpResult LockedUntil(HttpContext context, DateTimeOffset lockedUntil, DateTimeOffset now)
    {
        var seconds = (long)Math.Ceiling((lockedUntil - now).TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Locked($"The account is locked after too many wrong passwords until {lockedUntil:O}.");
    }
}
