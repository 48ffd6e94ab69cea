using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Orleans;
using RoleFerry.Api.Accounts;
using RoleFerry.Api.Infrastructure;
using RoleFerry.Grains.Interfaces.Mailboxes;

namespace RoleFerry.Api.Mailboxes;

/// <summary><c>/api/admin/mailboxes</c>: the sending pool, for admins only.</summary>
public static class AdminMailboxesApi
{
    public static IEndpointRouteBuilder MapAdminMailboxesApi(this IEndpointRouteBuilder endpoints)
    {
        var mailboxes = endpoints.MapGroup("/api/admin/mailboxes").WithTags("Mailboxes (admin)")
            .RequireAuthorization(AdminPolicy.Name)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        mailboxes.MapPost("/", CreateAsync).WithName("CreateMailbox").WithSummary("Adds a sending mailbox (its password is never returned).").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        mailboxes.MapGet("/", ListAsync).WithName("ListMailboxes").WithSummary("Every mailbox with its status, health, caps and sends today.").ProducesValidationProblem();
        mailboxes.MapGet("/{id:long}", (long id, NpgsqlDataSource db, IGrainFactory g, CancellationToken ct) =>
            ChangeAsync(id, db, g, m => m.GetAsync(), ct)).WithName("GetMailbox")
            .WithSummary("One mailbox as the list shows it.").ProducesProblem(StatusCodes.Status404NotFound);
        mailboxes.MapPatch("/{id:long}", PatchAsync).WithName("UpdateMailbox")
            .WithSummary("Changes any setting but the email; new credentials are used from the next connection.")
            .Accepts<PatchMailboxRequest>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        mailboxes.MapPost("/{id:long}/pause", (long id, NpgsqlDataSource db, IGrainFactory g, CancellationToken ct) =>
            ChangeAsync(id, db, g, m => m.PauseAsync("paused by an admin"), ct)).WithName("PauseMailbox")
            .WithSummary("Pauses a mailbox: it sends nothing until resumed.").ProducesProblem(StatusCodes.Status404NotFound);
        mailboxes.MapPost("/{id:long}/resume", (long id, NpgsqlDataSource db, IGrainFactory g, CancellationToken ct) =>
            ChangeAsync(id, db, g, m => m.ResumeAsync(), ct)).WithName("ResumeMailbox")
            .WithSummary("Resumes a paused mailbox (it stays paused while its health is below the threshold).").ProducesProblem(StatusCodes.Status404NotFound);
        mailboxes.MapPost("/{id:long}/activate", (long id, NpgsqlDataSource db, IGrainFactory g, CancellationToken ct) =>
            ChangeAsync(id, db, g, m => m.ActivateAsync(), ct)).WithName("ActivateMailbox")
            .WithSummary("Skips warm-up: the mailbox sends up to its full daily cap.").ProducesProblem(StatusCodes.Status404NotFound);
        mailboxes.MapGet("/{id:long}/health-log", HealthLogAsync).WithName("MailboxHealthLog").WithSummary("The mailbox's health checks, newest first.").ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Results<Created<MailboxResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateMailboxRequest request, NpgsqlDataSource db, IGrainFactory grains, CancellationToken ct)
    {
        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        await using var exists = db.Command("SELECT 1 FROM mailboxes WHERE lower(email) = lower($1)", request.Email!.Trim());
        if (await exists.ExecuteScalarAsync(ct) is not null)
        {
            return Problems.Conflict($"A mailbox {request.Email} already exists.");
        }

        var added = await grains.GetGrain<IMailboxPoolGrain>(IMailboxPoolGrain.PlatformKey).AddMailboxAsync(new NewMailbox(
            request.Email.Trim(), request.Domain!.Trim(), request.SmtpHost!.Trim(), request.SmtpPort!.Value,
            request.SmtpUsername?.Trim() ?? "", request.SmtpPassword ?? "", request.UseTls ?? true, request.DailyCap!.Value,
            request.WarmupEnabled ?? true, request.MinGapSeconds ?? 0, NullIfBlank(request.ImapHost), request.ImapPort,
            request.ImapUsername?.Trim(), request.ImapPassword, request.ImapUseTls));
        if (added.Mailbox is not { } snapshot)
        {
            // The pool refuses what the checks above let through (its own rules, or the same email added meanwhile).
            return added.Duplicate
                ? Problems.Conflict($"A mailbox {request.Email.Trim()} already exists.")
                : Problems.Validation(JsonNamingPolicy.CamelCase.ConvertName(added.Field!), added.Error!);
        }

        return TypedResults.Created($"/api/admin/mailboxes/{snapshot.Id}", await MailboxResponse.FromAsync(snapshot, db, ct));
    }

    private static async Task<Results<Ok<PagedResponse<MailboxResponse>>, ValidationProblem>> ListAsync(
        IGrainFactory grains, NpgsqlDataSource db, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (PageRequest.From(page, pageSize, errors) is not { } paging)
        {
            return Problems.Validation(errors);
        }

        var all = await grains.GetGrain<IMailboxPoolGrain>(IMailboxPoolGrain.PlatformKey).ListAsync();
        var shown = all.Skip((int)Math.Min(paging.Offset, int.MaxValue)).Take(paging.PageSize).ToList();
        var inbox = await InboxStatusQuery.ReadAsync(db, shown.Select(m => m.Id).ToList(), ct);
        var items = shown.Select(m => MailboxResponse.From(m, inbox.GetValueOrDefault(m.Id))).ToList();
        return TypedResults.Ok(paging.Answer(items, all.Count));
    }

    /// <summary>A mailbox's answer after <paramref name="change"/> (or a plain read), 404 when there is no such mailbox.</summary>
    private static async Task<Results<Ok<MailboxResponse>, ProblemHttpResult>> ChangeAsync(
        long id, NpgsqlDataSource db, IGrainFactory grains, Func<IMailboxGrain, Task<MailboxSnapshot>> change, CancellationToken ct)
    {
        if (!await ExistsAsync(id, db, ct))
        {
            return Problems.NotFound($"Mailbox {id} was not found.");
        }

        return TypedResults.Ok(await MailboxResponse.FromAsync(await change(grains.GetGrain<IMailboxGrain>(id)), db, ct));
    }

    private static async Task<Results<Ok<PagedResponse<HealthLogEntry>>, ValidationProblem, ProblemHttpResult>> HealthLogAsync(
        long id, int? page, int? pageSize, NpgsqlDataSource db, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (PageRequest.From(page, pageSize, errors) is not { } paging)
        {
            return Problems.Validation(errors);
        }

        if (!await ExistsAsync(id, db, ct))
        {
            return Problems.NotFound($"Mailbox {id} was not found.");
        }

        return TypedResults.Ok(await PageQuery.ReadAsync(db, paging,
            Sql.BatchCommand("SELECT count(*) FROM mailbox_health_logs WHERE mailbox_id = $1", id),
            Sql.BatchCommand(
                """
                SELECT id, health_score, bounce_rate_7d, spam_reports_7d, sends_7d, bounces_7d, status, reason, logged_at
                FROM mailbox_health_logs WHERE mailbox_id = $1 ORDER BY logged_at DESC, id DESC LIMIT $2 OFFSET $3
                """, id, paging.PageSize, paging.Offset),
            r => new HealthLogEntry(r.GetInt64(0), r.GetInt16(1), r.GetDecimal(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5),
                r.GetString(6), r.GetStringOrNull(7), r.GetTime(8)),
            ct));
    }

    private static async Task<Results<Ok<MailboxResponse>, ValidationProblem, ProblemHttpResult>> PatchAsync(
        long id, HttpRequest request, NpgsqlDataSource db, IGrainFactory grains, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var change = await PatchMailboxRequest.ReadAsync(request, errors, ct);
        if (!errors.IsEmpty || change is null)
        {
            return Problems.Validation(errors);
        }

        if (!await ExistsAsync(id, db, ct))
        {
            return Problems.NotFound($"Mailbox {id} was not found.");
        }

        var updated = await grains.GetGrain<IMailboxGrain>(id).UpdateSettingsAsync(change);
        return updated.Mailbox is { } snapshot
            ? TypedResults.Ok(await MailboxResponse.FromAsync(snapshot, db, ct))
            : Problems.Validation(JsonNamingPolicy.CamelCase.ConvertName(updated.Field!), updated.Error!);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static async Task<bool> ExistsAsync(long id, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.Command("SELECT 1 FROM mailboxes WHERE id = $1", id);
        return await command.ExecuteScalarAsync(ct) is not null;
    }
}
