namespace RoleFerry.Api.Profile.Parsing;

/// <summary>
/// A file that is a PDF or DOCX but whose text cannot be read (encrypted, no text layer, damaged): 422 with
/// <see cref="Exception.Message"/> as the problem's detail.
/// </summary>
public sealed class UnreadableResumeException(string message, Exception? inner = null) : Exception(message, inner);
