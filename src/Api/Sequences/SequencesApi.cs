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
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        var sequences = endpoints.MapGroup("/api/sequences").WithTags("Sequences").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        sequences.MapGet("/{id:long}", (long id, ClaimsPrincipal p, NpgsqlDataSource db, IGrainFactory g, CancellationToken ct) =>
            RunAsync(id, p, db, g, s => s.GetAsync(), ct)).WithName("GetSequence");
        sequences.MapPost("/{id:long}/pause", (long id, ClaimsPrincipal p, NpgsqlDataSource db, IGrainFactory g, CancellationToken ct) =>
            RunAsync(id, p, db, g, s => s.PauseAsync(), ct)).WithName("PauseSequence");
        sequences.MapPost("/{id:long}/resume", (long id, ClaimsPrincipal p, NpgsqlDataSource db, IGrainFactory g, CancellationToken ct) =>
            RunAsync(id, p, db, g, s => s.ResumeAsync(), ct)).WithName("ResumeSequence");
        sequences.MapPost("/{id:long}/cancel", (long id, ClaimsPrincipal p, NpgsqlDataSource db, IGrainFactory g, CancellationToken ct) =>
            RunAsync(id, p, db, g, s => s.StopAsync(SequenceStatuses.Canceled, "canceled by the user"), ct)).WithName("CancelSequence");
        endpoints.MapPost("/api/contacts/{id:long}/opt-out", OptOutAsync)
            .WithTags("Contacts").WithName("OptOutContact").RequireAuthorization()
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
