namespace RoleFerry.Api.Profile.Parsing;

/// <summary>A section of a resume: what it holds, its heading as written (none for the preamble) and its lines.</summary>
public sealed record ResumeSection(SectionKind Kind, string? Heading, IReadOnlyList<ResumeLine> Lines);
