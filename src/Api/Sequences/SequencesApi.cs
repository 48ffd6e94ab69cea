using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Orleans;
using RoleFerry.Api.Infrastructure;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Grains.Interfaces.Users;

namespace RoleFerry.Api.Sequences;

/// <summary>
/// Enrollment (<c>POST /api/applications/{id}/sequences</c>), <c>/api/sequences/{id}</c> and its pause, resume and
/// cancel, <c>POST /api/contacts/{id}/opt-out</c>. The sequence grains own the rows; ownership is checked in SQL.
/// </summary>
public static class SequencesApi
{
    public static IEndpointRouteBuilder MapSequencesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/applications/{id:long}/sequences", EnrollAsync)
            .WithTags("Sequences").WithName("EnrollContact").RequireAuthorization()
            .WithSummary("Enrolls one of your contacts in a template for this application; step 1 is scheduled at once.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        var sequences = endpoints.MapGroup("/api/sequences").WithTags("Sequences").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        sequences.MapGet("", ListAsync).WithName("ListSequences")
            .WithSummary("Your sequences, newest first, optionally of one application, one contact or in one status; with nextStepAt.")
            .ProducesValidationProblem();
        sequences.MapGet("/{id:long}", (long id, ClaimsPrincipal p, NpgsqlDataSource db, IGrainFactory g, CancellationToken ct) =>
            RunAsync(id, p, db, g, s => s.GetAsync(), ct)).WithName("GetSequence")
            .WithSummary("One of your sequences with its steps.");
        sequences.MapPost("/{id:long}/pause", (long id, ClaimsPrincipal p, NpgsqlDataSource db, IGrainFactory g, CancellationToken ct) =>
            RunAsync(id, p, db, g, s => s.PauseAsync(), ct)).WithName("PauseSequence")
            .WithSummary("Pauses an active sequence: no step leaves until it is resumed.");
        sequences.MapPost("/{id:long}/resume", (long id, ClaimsPrincipal p, NpgsqlDataSource db, IGrainFactory g, CancellationToken ct) =>
            RunAsync(id, p, db, g, s => s.ResumeAsync(), ct)).WithName("ResumeSequence")
            .WithSummary("Resumes a paused sequence; a step that fell due meanwhile leaves now.");
        sequences.MapPost("/{id:long}/cancel", (long id, ClaimsPrincipal p, NpgsqlDataSource db, IGrainFactory g, CancellationToken ct) =>
            RunAsync(id, p, db, g, s => s.StopAsync(SequenceStatuses.Canceled, "canceled by the user"), ct)).WithName("CancelSequence")
            .WithSummary("Cancels a sequence for good; its remaining steps are canceled.");
        endpoints.MapPost("/api/contacts/{id:long}/opt-out", OptOutAsync)
            .WithTags("Contacts").WithName("OptOutContact").RequireAuthorization()
            .WithSummary("Opts a contact out of all email: every active sequence to it stops.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    private static async Task<Results<Created<SequenceResponse>, ValidationProblem, ProblemHttpResult>> EnrollAsync(
        long id, EnrollRequest request, ClaimsPrincipal principal, NpgsqlDataSource db, IGrainFactory grains, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (request.ContactId is not > 0)
        {
            errors.Add("contactId", "contactId is required.");
        }

        if (request.TemplateId is not > 0)
        {
            errors.Add("templateId", "templateId is required.");
        }

        foreach (var (name, value) in request.Variables ?? [])
        {
            // A null value would pass the "supplied" check and then fail the send; it is bad input.
            if (value is null)
            {
                errors.Add($"variables.{name}", $"variables.{name} must be a text value (may be empty), not null.");
            }
            else
            {
                errors.MaxLength(value, $"variables.{name}", ValidationErrors.MaxLongTextLength);
            }
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var result = await grains.GetGrain<IUserGrain>(principal.GetUserId()).EnrollAsync(
            new EnrollmentRequest(id, request.ContactId!.Value, request.TemplateId!.Value, request.Variables ?? []));
        return result.Error switch
        {
            null => TypedResults.Created($"/api/sequences/{result.Sequence!.Id}", await ToResponseAsync(result.Sequence, db, ct)),
            EnrollmentError.NotFound => Problems.NotFound(result.Detail!),
            EnrollmentError.MissingVariables => TypedResults.ValidationProblem(
                result.MissingVariables.ToDictionary(v => $"variables.{v}", v => new[] { $"The template uses {{{{{v}}}}}; supply a value for it." }),
                detail: result.Detail, title: "One or more validation errors occurred."),
            EnrollmentError.QuotaExceeded => TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Quota exceeded", detail: result.Detail),
            _ => Problems.Conflict(result.Detail!),
        };
    }

    private static async Task<Results<Ok<PagedResponse<SequenceListItem>>, ValidationProblem>> ListAsync(
        ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct, long? applicationId = null, long? contactId = null,
        string? status = null, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        if (applicationId is <= 0)
        {
            errors.Add("applicationId", "applicationId must be a positive id.");
        }

        if (contactId is <= 0)
        {
            errors.Add("contactId", "contactId must be a positive id.");
        }

        if (status is not null && !SequenceStatuses.All.Contains(status))
        {
            errors.Add("status", $"status must be one of {string.Join("|", SequenceStatuses.All)}.");
        }

        var paging = PageRequest.From(page, pageSize, errors);
        if (paging is null || !errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        const string Filter =
            """
            si.user_id = $1 AND ($2::bigint IS NULL OR si.application_id = $2) AND ($3::bigint IS NULL OR si.contact_id = $3)
              AND ($4::text IS NULL OR si.status = $4)
            """;
        var userId = principal.GetUserId();
        return TypedResults.Ok(await PageQuery.ReadAsync(
            db,
            paging,
            Sql.BatchCommand($"SELECT count(*) FROM sequence_instances si WHERE {Filter}", userId, applicationId, contactId, status),
            Sql.BatchCommand(
                $"""
                SELECT si.id, si.application_id, si.contact_id, si.status, si.mailbox_id, m.email AS mailbox_email,
                       CASE WHEN si.status IN {SequenceStatuses.WakingSql} THEN si.next_step_due_at END AS next_step_at,
                       si.template_id, coalesce(si.template_snapshot ->> 'name', '') AS template_name, si.current_step,
                       si.total_steps, si.enrolled_at, si.stopped_at, si.stop_reason,
                       CASE WHEN si.status = 'parked' THEN si.resume_at END AS resume_at,
                       c.full_name AS contact_name, j.title AS job_title
                FROM sequence_instances si
                LEFT JOIN mailboxes m ON m.id = si.mailbox_id
                LEFT JOIN contacts c ON c.id = si.contact_id
                LEFT JOIN applications a ON a.id = si.application_id
                LEFT JOIN jobs j ON j.id = a.job_id
                WHERE {Filter}
                ORDER BY si.enrolled_at DESC, si.id DESC
                LIMIT $5 OFFSET $6
                """,
                userId, applicationId, contactId, status, paging.PageSize, paging.Offset),
            reader => new SequenceListItem(
                reader.Get<long>("id"),
                reader.Get<long>("application_id"),
                reader.Get<long>("contact_id"),
                reader.Get<string>("status"),
                reader.GetOrNull<long>("mailbox_id") is long mailboxId ? new SequenceMailbox(mailboxId, reader.Get<string>("mailbox_email")) : null,
                reader.GetOrNull<DateTimeOffset>("next_step_at"),
                reader.GetOrNull<long>("template_id"),
                reader.Get<string>("template_name"),
                reader.Get<int>("current_step"),
                reader.Get<int>("total_steps"),
                reader.Get<DateTimeOffset>("enrolled_at"),
                reader.GetOrNull<DateTimeOffset>("stopped_at"),
                reader.GetStringOrNull("stop_reason"),
                reader.GetOrNull<DateTimeOffset>("resume_at"),
                reader.GetStringOrNull("contact_name"),
                reader.GetStringOrNull("job_title")),
            ct));
    }

    private static async Task<Results<Ok<SequenceResponse>, ProblemHttpResult>> RunAsync(
        long id, ClaimsPrincipal principal, NpgsqlDataSource db, IGrainFactory grains, Func<ISequenceGrain, Task<SequenceView>> action, CancellationToken ct)
    {
        await using var owned = db.Command("SELECT 1 FROM sequence_instances WHERE id = $1 AND user_id = $2", id, principal.GetUserId());
        if (await owned.ExecuteScalarAsync(ct) is null)
        {
            return Problems.NotFound($"Sequence {id} was not found.");
        }

        return TypedResults.Ok(await ToResponseAsync(await action(grains.GetGrain<ISequenceGrain>(id)), db, ct));
    }

    private static async Task<Results<Ok<OptOutResponse>, ProblemHttpResult>> OptOutAsync(
        long id, ClaimsPrincipal principal, IGrainFactory grains)
    {
        return await grains.GetGrain<IUserGrain>(principal.GetUserId()).OptOutContactAsync(id)
            ? TypedResults.Ok(new OptOutResponse(id, true))
            : Problems.NotFound($"Contact {id} was not found.");
    }

    private static async Task<SequenceResponse> ToResponseAsync(SequenceView view, NpgsqlDataSource db, CancellationToken ct)
    {
        SequenceMailbox? mailbox = null;
        if (view.MailboxId is long mailboxId)
        {
            await using var command = db.Command("SELECT email FROM mailboxes WHERE id = $1", mailboxId);
            if (await command.ExecuteScalarAsync(ct) is string email)
            {
                mailbox = new SequenceMailbox(mailboxId, email);
            }
        }

        return new SequenceResponse(view.Id, view.ApplicationId, view.ContactId, view.Status, mailbox, view.Steps, view.ResumeAt);
    }
}
