using System.Text.Json;

namespace RoleFerry.Grains.Sequences;

/// <summary>The rows an enrollment reads: the user's application (with job and company), contact and template.</summary>
internal sealed record EnrollmentSubject(
    string UserFullName,
    string? UserTimezone,
    string JobTitle,
    string CompanyName,
    string ContactFullName,
    string? ContactFirstName,
    string? ContactLastName,
    string? ContactTimezone,
    bool ContactOptedOut,
    string TemplateName,
    string TemplateSteps,
    JsonElement? SendingWindow,
    bool TrackOpens,
    bool TrackClicks);
