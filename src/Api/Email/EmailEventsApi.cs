using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using RoleFerry.Actors;
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
            .Accepts<EmailEventDto[]>("application/json")
            .Produces<EmailEventsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    private static async Task<Results<Ok<EmailEventsResponse>, ProblemHttpResult, ValidationProblem>> ReceiveAsync(
        HttpRequest request, IConfiguration configuration, IGrainFactory grains)
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
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"Not a JSON array of events: {e.Message}"] });
        }

        var errors = Validate(events);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var unmatched = new List<string>();
        foreach (var e in events!)
        {
            var target = e.Type is EmailEventTypes.Reply or EmailEventTypes.AutoReply && !string.IsNullOrWhiteSpace(e.InReplyTo)
                ? e.InReplyTo!
                : e.MessageId!;
            var applied = await grains.GetGrain<IEmailEventGrain>(MessageIds.Bare(target))
                .ApplyAsync(new EmailEvent(e.EventId!, e.Type!, e.Timestamp!.Value, e.BounceType, e.Reason));
            if (!applied)
            {
                unmatched.Add(e.EventId!);
            }
        }

        return TypedResults.Ok(new EmailEventsResponse(events!.Length, unmatched));
    }

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
            if (string.IsNullOrWhiteSpace(e.EventId))
            {
                errors[$"[{i}].eventId"] = ["Required."];
            }

            if (e.Type is null || !EmailEventTypes.Webhook.Contains(e.Type))
            {
                errors[$"[{i}].type"] = [$"One of {string.Join("|", EmailEventTypes.Webhook)}."];
            }

            if (string.IsNullOrWhiteSpace(e.MessageId) && string.IsNullOrWhiteSpace(e.InReplyTo))
            {
                errors[$"[{i}].messageId"] = ["Required (or inReplyTo for replies)."];
            }

            if (e.Timestamp is null)
            {
                errors[$"[{i}].timestamp"] = ["Required, ISO-8601."];
            }
        }

        return errors;
    }
}
