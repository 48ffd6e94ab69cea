namespace RoleFerry.Api.Email;

/// <summary>One event of the webhook body (API.md "Email events").</summary>
public sealed record EmailEventDto(
    string? EventId,
    string? Type,
    string? MessageId,
    DateTimeOffset? Timestamp,
    string? BounceType,
    string? Reason,
    string? InReplyTo);
