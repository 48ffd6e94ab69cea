using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Interviews;

/// <summary>
/// <c>PATCH /api/interviews/{id}</c>: absent (or null) fields stay; interviewer, location and notes given as "" are
/// cleared; outcome ∈ pending|passed|failed|canceled.
/// </summary>
public sealed record UpdateInterviewRequest(
    DateTimeOffset? ScheduledAt, string? Kind, string? Interviewer, string? Location, string? Notes, string? Outcome)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (Kind is not null && !InterviewKinds.All.Contains(Kind))
        {
            errors.Add("kind", $"kind must be one of {InterviewKinds.Expected}.");
        }

        if (Outcome is not null && !InterviewKinds.Outcomes.Contains(Outcome))
        {
            errors.Add("outcome", $"outcome must be one of {InterviewKinds.ExpectedOutcomes}.");
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
