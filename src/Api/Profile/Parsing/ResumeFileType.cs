namespace RoleFerry.Api.Profile.Parsing;

/// <summary>What an uploaded file is, read from its first bytes and, for a file that is not what it claims, its name and type.</summary>
public enum ResumeFileType
{
    /// <summary>Neither PDF nor DOCX (415).</summary>
    Unsupported,
    Pdf,
    Docx,

    /// <summary>Named or typed as a PDF or DOCX but not one (damaged, truncated, or encrypted Office): 422.</summary>
    Damaged,
}
