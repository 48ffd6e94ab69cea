namespace RoleFerry.Api.Profile.Parsing;

/// <summary>What a resume section holds, told by its heading.</summary>
public enum SectionKind
{
    /// <summary>The lines before the first heading: name and contact details.</summary>
    Preamble,
    Summary,
    Experience,
    Education,
    Skills,
    Accomplishments,

    /// <summary>Projects, certifications, languages, interests…: read for skills and metrics only.</summary>
    Other,
}
