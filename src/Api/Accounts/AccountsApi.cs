using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
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
            .WithSummary("Exchanges email and password for a bearer token; 5 wrong passwords in a row from one address lock the account for that address (423), for longer each time.")
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
        LoginThrottle throttle,
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
        var client = ClientAddress.Of(context);
        long id;
        string email;
        string hash;
        Guid stamp;
        await using (var find = db.Command(
            "SELECT id, email, password_hash, security_stamp FROM users WHERE lower(email) = lower($1)", request.Email!.Trim()))
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
            stamp = reader.Get<Guid>("security_stamp");
        }

        if (await throttle.LockedUntilAsync(id, client, now) is { } lockedUntil)
        {
            return LoginThrottle.Locked(context, lockedUntil, now);
        }

        var user = new AccountUser(id, email);
        var verdict = hasher.VerifyHashedPassword(user, hash, request.Password!);
        var session = grains.GetGrain<ISessionGrain>(id);
        if (verdict == PasswordVerificationResult.Failed)
        {
            // The failure that reaches a limit locks; this answer is still 401, the next attempt's 423.
            await throttle.RecordFailureAsync(id, client, now);
            return Problems.Unauthorized("The email or the password is wrong.");
        }

        await throttle.RecordSuccessAsync(id, client);
        var rehashed = verdict == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(user, request.Password!) : null;
        await session.RecordLoginAsync(now, rehashed);
        return TypedResults.Ok(tokens.Issue(id, email, stamp));
    }

    internal static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> GetMeAsync(
        ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct) =>
        await MeRows.FindAsync(db, principal.GetUserId(), ct) is { } me
            ? TypedResults.Ok(me)
            : Problems.NotFound("The account no longer exists.");
}
