using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using RoleFerry.Api.Accounts;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Notifications;

/// <summary>
/// <c>/api/notifications</c>: the caller's notifications, newest first; for an admin also those addressed to every
/// admin (a mailbox that paused itself) since the admin registered, each with its own read state
/// (notification_reads). Someone else's notification answers 404.
/// </summary>
public static class NotificationsApi
{
    /// <summary>The caller's notifications ($1 user, $2 is admin, $3 unread filter or null).</summary>
    private const string Visible =
        """
        FROM notifications n
        JOIN users u ON u.id = $1
        LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.user_id = $1
        WHERE (n.user_id = $1 OR ($2 AND n.audience = 'admins' AND n.created_at >= u.created_at))
          AND ($3::boolean IS NULL OR (coalesce(n.read_at, r.read_at) IS NULL) = $3)
        """;

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder endpoints)
    {
        var notifications = endpoints.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        notifications.MapGet("", ListAsync)
            .WithName("ListNotifications")
            .WithSummary("Your notifications, newest first; unread=true for the unread ones only (false: the read ones).")
            .ProducesValidationProblem();
        notifications.MapPost("/{id:long}/read", MarkReadAsync)
            .WithName("MarkNotificationRead")
            .WithSummary("Marks one notification read.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        notifications.MapPost("/read-all", MarkAllReadAsync)
            .WithName("MarkAllNotificationsRead")
            .WithSummary("Marks every notification of yours read.");
        return endpoints;
    }

    internal static async Task<Results<Ok<PagedResponse<NotificationResponse>>, ValidationProblem>> ListAsync(
        ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct,
        bool? unread = null, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        if (PageRequest.From(page, pageSize, errors) is not { } paging)
        {
            return Problems.Validation(errors);
        }

        var userId = principal.GetUserId();
        var isAdmin = principal.IsAdmin();
        return TypedResults.Ok(await PageQuery.ReadAsync(
            db,
            paging,
            Sql.BatchCommand($"SELECT count(*) {Visible}", userId, isAdmin, unread),
            Sql.BatchCommand(
                $"""
                SELECT n.id, n.kind, n.title, n.body, n.link, n.created_at, coalesce(n.read_at, r.read_at) AS read_at
                {Visible}
                ORDER BY n.created_at DESC, n.id DESC
                LIMIT $4 OFFSET $5
                """,
                userId, isAdmin, unread, paging.PageSize, paging.Offset),
            reader => new NotificationResponse(
                reader.Get<long>("id"),
                reader.Get<string>("kind"),
                reader.Get<string>("title"),
                reader.Get<string>("body"),
                reader.GetStringOrNull("link"),
                reader.Get<DateTimeOffset>("created_at"),
                reader.GetOrNull<DateTimeOffset>("read_at")),
            ct));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> MarkReadAsync(
        long id, ClaimsPrincipal principal, NpgsqlDataSource db, TimeProvider clock,
        CancellationToken ct)
    {
        await using var command = db.Command(
            """
            WITH own AS (
                UPDATE notifications SET read_at = coalesce(read_at, $3) WHERE id = $1 AND user_id = $2 RETURNING id
            ), shared AS (
                INSERT INTO notification_reads (notification_id, user_id, read_at)
                SELECT n.id, $2, $3 FROM notifications n JOIN users u ON u.id = $2
                WHERE n.id = $1 AND $4 AND n.audience = 'admins' AND n.created_at >= u.created_at
                ON CONFLICT (notification_id, user_id) DO UPDATE SET read_at = notification_reads.read_at
                RETURNING notification_id
            )
            SELECT (SELECT count(*) FROM own) + (SELECT count(*) FROM shared)
            """,
            id, principal.GetUserId(), clock.GetUtcNow(), principal.IsAdmin());
        return await command.ExecuteScalarAsync(ct) is long and > 0
            ? TypedResults.NoContent()
            : Problems.NotFound($"Notification {id} does not exist.");
    }

    internal static async Task<NoContent> MarkAllReadAsync(
        ClaimsPrincipal principal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        await using var command = db.Command(
            """
            WITH own AS (
                UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL
            )
            INSERT INTO notification_reads (notification_id, user_id, read_at)
            SELECT n.id, $1, $2 FROM notifications n JOIN users u ON u.id = $1
            WHERE $3 AND n.audience = 'admins' AND n.created_at >= u.created_at
            ON CONFLICT (notification_id, user_id) DO NOTHING
            """,
            principal.GetUserId(), clock.GetUtcNow(), principal.IsAdmin());
        await command.ExecuteNonQueryAsync(ct);
        return TypedResults.NoContent();
    }
}
