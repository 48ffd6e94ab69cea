namespace RoleFerry.Api.Sequences;

public sealed record TemplateResponse(
    long Id,
    string Name,
    string? Description,
    bool IsPlatform,
    IReadOnlyList<TemplateStepDto> Steps,
    SendingWindowDto? SendingWindow,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool TrackOpens,
    bool TrackClicks);
