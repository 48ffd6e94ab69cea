using System.Data.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Inbox;

/// <summary>
/// <c>/api/inbox</c>: the messages read over IMAP that answer the caller's outreach (every query is scoped to
/// <c>user_id = $me</c>), newest first; one with its whole text; marking one read.
/// </summary>
public static class InboxApi
{
    private static readonly string[] Kinds = ["reply", "auto_reply", "bounce", "unsubscribe"];

    private const string Columns =
        """
        id, sequence_instance_id, application_id, contact_id, from_address, from_name, subject, snippet, received_at, kind,
        return_date, read_at, bounce_type, bounce_status, text_body, relay_status, authenticated
        """;

    /// <summary>The list's filter: the caller's messages, of one kind ($2) and read or unread ($3) when given.</summary>
    private const string Filter =
        "user_id = $1 AND ($2::text IS NULL OR kind = $2) AND ($3::boolean IS NULL OR (read_at IS NULL) = $3)";

    public static IEndpointRouteBuilder MapInboxApi(this IEndpointRouteBuilder endpoints)
    {
        var inbox = endpoints.MapGroup("/api/inbox").WithTags("Inbox").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        inbox.MapGet("", ListAsync).WithName("ListInbox")
            .WithSummary("Replies, auto-replies, bounces and unsubscribe requests to your outreach, newest first.")
            .ProducesValidationProblem();
        inbox.MapGet("/{id:long}", GetAsync).WithName("GetInboxMessage")
            .WithSummary("One message with its text (attachments are never kept).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        inbox.MapPost("/{id:long}/read", ReadAsync).WithName("ReadInboxMessage")
            .WithSummary("Marks the message read (the first time counts); answers the message.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<Results<Ok<PagedResponse<InboxItemResponse>>, ValidationProblem>> ListAsync(
        ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct, string? kind = null, bool? unread = null, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        if (kind is not null && !Kinds.Contains(kind))
        {
            errors.Add("kind", $"kind must be one of {string.Join(", ", Kinds)}.");
        }

        var paging = PageRequest.From(page, pageSize, errors);
        if (paging is null || !errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var userId = principal.GetUserId();
        return TypedResults.Ok(await PageQuery.ReadAsync(
            db,
            paging,
            Sql.BatchCommand(
                $"SELECT count(*) FROM inbox_messages WHERE {Filter}",
                userId, kind, unread),
            Sql.BatchCommand(
                $"""
                SELECT {Columns} FROM inbox_messages
                WHERE {Filter}
                ORDER BY received_at DESC, id DESC
                LIMIT $4 OFFSET $5
                """,
                userId, kind, unread, paging.PageSize, paging.Offset),
            Item,
            ct));
    }

    private static async Task<Results<Ok<InboxMessageResponse>, ProblemHttpResult>> GetAsync(
        long id, ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.Command($"SELECT {Columns} FROM inbox_messages WHERE id = $1 AND user_id = $2", id, principal.GetUserId());
        return await OneAsync(command, id, ct);
    }

    private static async Task<Results<Ok<InboxMessageResponse>, ProblemHttpResult>> ReadAsync(
        long id, ClaimsPrincipal principal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        await using var command = db.Command(
            $"""
            UPDATE inbox_messages SET read_at = coalesce(read_at, $3)
            WHERE id = $1 AND user_id = $2
            RETURNING {Columns}
            """,
            id, principal.GetUserId(), clock.GetUtcNow());
        return await OneAsync(command, id, ct);
    }

    private static async Task<Results<Ok<InboxMessageResponse>, ProblemHttpResult>> OneAsync(NpgsqlCommand command, long id, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return Problems.NotFound($"Inbox message {id} was not found.");
        }

        var item = Item(reader);
        return TypedResults.Ok(new InboxMessageResponse(
            item.Id, item.SequenceId, item.ApplicationId, item.ContactId, item.From, item.FromName, item.Subject, item.Snippet,
            item.ReceivedAt, item.Kind, item.ReturnDate, item.ReadAt, item.BounceType, item.BounceStatus, item.Authenticated,
            reader.GetString(14), reader.GetString(15)));
    }

    private static InboxItemResponse Item(DbDataReader r) => new(
        r.GetInt64(0),
        r.GetOrNull<long>(1),
        r.GetOrNull<long>(2),
        r.GetOrNull<long>(3),
        r.GetString(4),
        r.GetStringOrNull(5),
        r.GetString(6),
        r.GetString(7),
        r.GetTime(8),
        r.GetString(9),
        r.GetOrNull<DateOnly>(10),
        r.GetTimeOrNull(11),
        r.GetStringOrNull(12),
        r.GetStringOrNull(13),
        r.GetBoolean(16));
}
