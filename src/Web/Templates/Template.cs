namespace RoleFerry.Web.Templates;

/// <summary>A sequence template (<c>/api/sequence-templates</c>): the platform's or the person's own.</summary>
public sealed record Template(
    long Id,
    string Name,
    string? Description,
    bool IsPlatform,
    IReadOnlyList<TemplateStep> Steps,
    SendingWindow? SendingWindow,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool TrackOpens,
    bool TrackClicks);
