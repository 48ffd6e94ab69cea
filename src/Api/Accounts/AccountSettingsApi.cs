using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Orleans;
using RoleFerry.Api.Infrastructure;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Grains.Interfaces.Users;

namespace RoleFerry.Api.Accounts;

/// <summary>
/// What a user controls of their account: <c>PATCH /api/me</c>, <c>POST /api/me/password</c> (other sessions'
/// tokens stop working), <c>GET /api/me/export</c> (everything, one JSON document) and <c>DELETE /api/me</c>
/// (sequences canceled through their grains, then the rows erased).
/// </summary>
public static class AccountSettingsApi
{
    public static IEndpointRouteBuilder MapAccountSettingsApi(this IEndpointRouteBuilder endpoints)
    {
        var me = endpoints.MapGroup("/api/me").WithTags("Accounts").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        me.MapPatch("", UpdateAsync)
            .WithName("UpdateMe")
            .WithSummary("Changes the caller's full name, mode or timezone (an IANA name; sending windows use it when a contact has none).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapPost("/password", ChangePasswordAsync)
            .WithName("ChangePassword")
            .WithSummary("Changes the password; every other session's token stops working, this one keeps working. A wrong current password counts like a failed login (423 while locked).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status423Locked);
        me.MapGet("/export", ExportAsync)
            .WithName("ExportMe")
            .WithSummary("Everything RoleFerry holds about the caller, as one JSON document to download.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapDelete("", DeleteAsync)
            .WithName("DeleteMe")
            .WithSummary("Erases the account: active sequences are canceled, then the caller's data is deleted; login then fails.")
            .Accepts<DeleteAccountRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status423Locked);
        return endpoints;
    }

    internal static async Task<Results<Ok<MeResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        UpdateMeRequest request, ClaimsPrincipal principal, NpgsqlDataSource db, IGrainFactory grains, CancellationToken ct)
    {
        var errors = request.Validate();
        if (request.Timezone is not null)
        {
            await TimeZoneRules.ValidateAsync(db, request.Timezone, "timezone", errors, ct);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var userId = principal.GetUserId();
        // The user grain refuses to activate for a user that does not exist (erased since the token was checked).
        if (await db.ScalarAsync("SELECT 1 FROM users WHERE id = $1", userId) is null)
        {
            return Problems.NotFound("The account no longer exists.");
        }

        await grains.GetGrain<IUserGrain>(userId).UpdateProfileAsync(new ProfileChange(request.FullName?.Trim(), request.Mode, request.Timezone));
        return await MeRows.FindAsync(db, userId, ct) is { } me
            ? TypedResults.Ok(me)
            : Problems.NotFound("The account no longer exists.");
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest request, ClaimsPrincipal principal, NpgsqlDataSource db, IPasswordHasher<AccountUser> hasher,
        LoginThrottle throttle, IGrainFactory grains, TimeProvider clock, HttpContext context, CancellationToken ct)
    {
        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var userId = principal.GetUserId();
        var (locked, confirmed) = await ConfirmPasswordAsync(db, hasher, throttle, userId, request.CurrentPassword!, clock, context, ct);
        if (locked is not null)
        {
            return locked;
        }

        if (!confirmed)
        {
            return Problems.Validation("currentPassword", "currentPassword is not the account's password.");
        }

        var session = Guid.TryParse(principal.FindFirstValue(SessionClaims.Session), out var id) ? id : (Guid?)null;
        await grains.GetGrain<ISessionGrain>(userId)
            .ChangePasswordAsync(hasher.HashPassword(new AccountUser(userId, ""), request.NewPassword!), session);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(
        ClaimsPrincipal principal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var userId = principal.GetUserId();
        if (await AccountExport.BuildAsync(db, userId, clock.GetUtcNow(), ct) is not { } document)
        {
            return Problems.NotFound("The account no longer exists.");
        }

        return TypedResults.File(
            Encoding.UTF8.GetBytes(document.ToJsonString()),
            "application/json",
            string.Create(CultureInfo.InvariantCulture, $"roleferry-export-{userId}.json"));
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        [FromBody] DeleteAccountRequest request, ClaimsPrincipal principal, NpgsqlDataSource db,
        IPasswordHasher<AccountUser> hasher, LoginThrottle throttle, IGrainFactory grains, TimeProvider clock, HttpContext context,
        CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request.Password))
        {
            return Problems.Validation("password", "password is required to delete the account.");
        }

        var userId = principal.GetUserId();
        var (locked, confirmed) = await ConfirmPasswordAsync(db, hasher, throttle, userId, request.Password, clock, context, ct);
        if (locked is not null)
        {
            return locked;
        }

        if (!confirmed)
        {
            return Problems.Validation("password", "password is not the account's password.");
        }

        // Through the grains first: each sequence stops (its steps canceled, its wake-up dropped) before its row goes.
        foreach (var sequenceId in await LiveSequencesAsync(db, userId, ct))
        {
            await grains.GetGrain<ISequenceGrain>(sequenceId).StopAsync(SequenceStatuses.Canceled, "the account was deleted");
        }

        await grains.GetGrain<IUserGrain>(userId).EraseAsync();
        await grains.GetGrain<ISessionGrain>(userId).ReloadAsync();
        return TypedResults.NoContent();
    }

    /// <summary>
    /// A password confirmed like a login (<see cref="LoginThrottle"/>): while the account is locked for this client,
    /// the 423 to answer (the password is not even checked); else whether it is the account's password (a wrong one
    /// counts as a failed login).
    /// </summary>
    private static async Task<(ProblemHttpResult? Locked, bool Confirmed)> ConfirmPasswordAsync(
        NpgsqlDataSource db, IPasswordHasher<AccountUser> hasher, LoginThrottle throttle, long userId, string password, TimeProvider clock,
        HttpContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var client = ClientAddress.Of(context);
        if (await throttle.LockedUntilAsync(userId, client, now) is { } lockedUntil)
        {
            return (LoginThrottle.Locked(context, lockedUntil, now), false);
        }

        await using var command = db.Command("SELECT password_hash FROM users WHERE id = $1", userId);
        if (await command.ExecuteScalarAsync(ct) is string hash
            && hasher.VerifyHashedPassword(new AccountUser(userId, ""), hash, password) != PasswordVerificationResult.Failed)
        {
            await throttle.RecordSuccessAsync(userId, client);
            return (null, true);
        }

        await throttle.RecordFailureAsync(userId, client, now);
        return (null, false);
    }

    private static async Task<List<long>> LiveSequencesAsync(NpgsqlDataSource db, long userId, CancellationToken ct)
    {
        await using var command = db.Command(
            $"SELECT id FROM sequence_instances WHERE user_id = $1 AND status IN {SequenceStatuses.LiveSql} ORDER BY id", userId);
        return await command.ReadAllAsync(reader => reader.GetInt64(0), ct);
    }
}
