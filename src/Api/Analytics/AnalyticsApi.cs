using System.Data.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using RoleFerry.Api.Accounts;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Analytics;

/// <summary>
/// <c>GET /api/analytics/outreach?from=&amp;to=&amp;groupBy=</c>: the caller's outreach figures over [from, to)
/// (default: the 30 days before now), totals and groups by template, step, day (in the caller's timezone) or — for
/// admins only, 403 otherwise, as mailboxes are admin resources — by sending mailbox.
/// </summary>
public static class AnalyticsApi
{
    public static readonly IReadOnlyList<string> Groupings = ["template", "step", "day", "mailbox"];

    private static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(30);

    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/analytics/outreach", GetOutreachAsync)
            .WithTags("Analytics")
            .WithName("GetOutreachAnalytics")
            .WithSummary("Your emails' figures over [from, to): sent, delivered, opened, clicked, replied, bounced, ... and rates, grouped by template, step, day or (admins) mailbox.")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return endpoints;
    }

    internal static async Task<Results<Ok<OutreachAnalyticsResponse>, ValidationProblem, ProblemHttpResult>> GetOutreachAsync(
        ClaimsPrincipal principal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct,
        DateTimeOffset? from = null, DateTimeOffset? to = null, string? groupBy = null)
    {
        var errors = new ValidationErrors();
        var end = (to ?? clock.GetUtcNow()).ToUniversalTime();
        var start = (from ?? end - DefaultPeriod).ToUniversalTime();
        if (start >= end)
        {
            errors.Add("from", "from must be before to.");
        }

        if (groupBy is not null && !Groupings.Contains(groupBy))
        {
            errors.Add("groupBy", $"groupBy must be one of {string.Join("|", Groupings)}.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        if (groupBy == "mailbox" && !principal.IsAdmin())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: "Grouping by mailbox is for admins only.");
        }

        var totals = Figures(0, 0, 0, 0, 0, 0, 0, 0);
        var groups = new List<OutreachGroup>();
        await using var command = db.Command(OutreachAnalytics.Sql, principal.GetUserId(), start, end, groupBy);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (reader.Get<bool>("is_total"))
            {
                totals = Read(reader);
            }
            else if (groupBy is not null)
            {
                var figures = Read(reader);
                groups.Add(new OutreachGroup(
                    reader.GetStringOrNull("key") ?? "none", reader.GetStringOrNull("label"), figures.Sent, figures.Delivered,
                    figures.Opened, figures.Clicked, figures.Replied, figures.AutoReplied, figures.Bounced, figures.Unsubscribed,
                    figures.ReplyRate, figures.BounceRate));
            }
        }

        return TypedResults.Ok(new OutreachAnalyticsResponse(start, end, groupBy, totals, groups));
    }

    private static OutreachFigures Read(DbDataReader reader) => Figures(
        reader.Get<long>("sent"),
        reader.Get<long>("delivered"),
        reader.Get<long>("opened"),
        reader.Get<long>("clicked"),
        reader.Get<long>("replied"),
        reader.Get<long>("auto_replied"),
        reader.Get<long>("bounced"),
        reader.Get<long>("unsubscribed"));

    private static OutreachFigures Figures(
        long sent, long delivered, long opened, long clicked, long replied, long autoReplied, long bounced, long unsubscribed) =>
        new(sent, delivered, opened, clicked, replied, autoReplied, bounced, unsubscribed, Rate(replied, sent), Rate(bounced, sent));

    private static double Rate(long count, long sent) => sent == 0 ? 0 : Math.Round((double)count / sent, 4);
}
