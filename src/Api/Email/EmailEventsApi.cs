using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Orleans;
using RoleFerry.Grains.Interfaces.Email;

namespace RoleFerry.Api.Email;

public static class EmailEventsApi
{
    private const int MaxBodyBytes = 1024 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>POST /api/webhooks/email-events: signed with RoleFerry:WebhookSecret, idempotent per eventId.</summary>
    public static IEndpointRouteBuilder MapEmailEventsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/webhooks/email-events", ReceiveAsync)
            .AllowAnonymous()
            .WithTags("Email events")
            .WithName("ReceiveEmailEvents")
            .WithSummary("Delivery, bounce, spam, reply, auto-reply and unsubscribe events, signed with the webhook secret; a repeated eventId is ignored.")
            .Accepts<EmailEventDto[]>("application/json")
            .Produces<EmailEventsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    private static async Task<Results<Ok<EmailEventsResponse>, ProblemHttpResult, ValidationProblem>> ReceiveAsync(
        HttpRequest request, IConfiguration configuration, IGrainFactory grains, NpgsqlDataSource db)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        if (buffer.Length > MaxBodyBytes)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large");
        }

        var body = buffer.ToArray();
        var secret = configuration["RoleFerry:WebhookSecret"] ?? "";
        if (!WebhookSignature.IsValid(body, request.Headers[WebhookSignature.HeaderName], secret))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Bad signature",
                detail: $"{WebhookSignature.HeaderName} must be sha256=<hex HMAC-SHA256 of the raw body>.");
        }

        EmailEventDto[]? events;
        try
        {
            events = JsonSerializer.Deserialize<EmailEventDto[]>(body, Json);
        }
        catch (JsonException e)
        {
            return Invalid(new Dictionary<string, string[]> { ["body"] = [$"Not a JSON array of events: {e.Message}"] });
        }

        var errors = Validate(events);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var unmatched = new List<string>();
        foreach (var e in events!)
        {
            var target = await TargetAsync(e, db, request.HttpContext.RequestAborted);
            var applied = await grains.GetGrain<IEmailEventGrain>(target)
                .ApplyAsync(new EmailEvent(e.EventId!, e.Type!, e.Timestamp!.Value, e.BounceType, e.Reason));
            if (!applied)
            {
                unmatched.Add(e.EventId!);
            }
        }

        return TypedResults.Ok(new EmailEventsResponse(events!.Length, unmatched));
    }

    /// <summary>
    /// The bare Message-ID of ours the event is about: a reply (or auto-reply) matches by inReplyTo or by messageId,
    /// any other event by messageId (or inReplyTo when that is all it has). When neither is ours, the first one: the
    /// event is then stored as unmatched.
    /// </summary>
    private static async Task<string> TargetAsync(EmailEventDto e, NpgsqlDataSource db, CancellationToken ct)
    {
        var candidates = (e.Type is EmailEventTypes.Reply or EmailEventTypes.AutoReply ? new[] { e.InReplyTo, e.MessageId } : new[] { e.MessageId, e.InReplyTo })
            .Where(id => !string.IsNullOrWhiteSpace(id))
            .Select(id => MessageIds.Bare(id!))
            .Where(id => id.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (candidates.Count > 1)
        {
            await using var command = db.Command("SELECT message_id FROM outreach WHERE message_id = ANY($1)", Sql.TextArray(candidates));
            var ours = new HashSet<string>(await command.ReadAllAsync(reader => reader.GetString(0), ct), StringComparer.Ordinal);
            return candidates.FirstOrDefault(ours.Contains) ?? candidates[0];
        }

        return candidates[0];
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: "The request has invalid fields; see errors.", title: "One or more validation errors occurred.");

    private static Dictionary<string, string[]> Validate(EmailEventDto[]? events)
    {
        var errors = new Dictionary<string, string[]>();
        if (events is null)
        {
            errors["body"] = ["A JSON array of events is required."];
            return errors;
        }

        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i];
            if (e is null)
            {
                errors[$"[{i}]"] = ["An event object is required."];
                continue;
            }

            if (string.IsNullOrWhiteSpace(e.EventId))
            {
                errors[$"[{i}].eventId"] = ["Required."];
            }

            if (e.Type is null || !EmailEventTypes.Webhook.Contains(e.Type))
            {
                errors[$"[{i}].type"] = [$"One of {string.Join("|", EmailEventTypes.Webhook)}."];
            }

            if (!HasId(e.MessageId) && !HasId(e.InReplyTo))
            {
                errors[$"[{i}].messageId"] = ["Required (or inReplyTo for replies): a Message-ID such as <id@domain>."];
            }
            else
            {
                foreach (var (field, value) in new[] { ("messageId", e.MessageId), ("inReplyTo", e.InReplyTo) })
                {
                    if (!string.IsNullOrWhiteSpace(value) && !HasId(value))
                    {
                        errors[$"[{i}].{field}"] = ["Must be a Message-ID such as <id@domain>, not empty brackets."];
                    }
                }
            }

            if (e.Timestamp is null)
            {
                errors[$"[{i}].timestamp"] = ["Required, ISO-8601."];
            }
        }

        return errors;
    }

    private static bool HasId(string? value) => !string.IsNullOrWhiteSpace(value) && MessageIds.Bare(value).Length > 0;
}
