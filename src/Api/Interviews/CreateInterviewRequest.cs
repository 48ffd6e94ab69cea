using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Interviews;

/// <summary><c>POST /api/applications/{id}/interviews</c>: kind ∈ phone|video|onsite|other.</summary>
public sealed record CreateInterviewRequest(DateTimeOffset? ScheduledAt, string? Kind, string? Interviewer, string? Location, string? Notes)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (ScheduledAt is null)
        {
            errors.Add("scheduledAt", "scheduledAt is required (an ISO-8601 time such as 2026-11-05T14:00:00Z).");
        }

        if (string.IsNullOrWhiteSpace(Kind))
        {
            errors.Add("kind", $"kind is required: {InterviewKinds.Expected}.");
        }
        else if (!InterviewKinds.All.Contains(Kind))
        {
            errors.Add("kind", $"kind must be one of {InterviewKinds.Expected}.");
        }

        errors.Optional(Interviewer, "interviewer");
        errors.Optional(Location, "location", 1000);
        if (Notes is not null)
        {
            errors.MaxLength(Notes, "notes", ValidationErrors.MaxLongTextLength);
        }

        return errors;
    }
}
