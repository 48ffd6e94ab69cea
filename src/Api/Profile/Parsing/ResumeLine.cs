namespace RoleFerry.Api.Profile.Parsing;

/// <summary>
/// One logical line of a resume as its reader found it: the text (a wrapped paragraph joined into one line), whether
/// it is a list item (its bullet removed), and the look of the line (<see cref="Style"/>: font size and weight for a
/// PDF, the paragraph style for a DOCX), so a heading the parser does not know by name is still found by looking
/// like the headings it knows.
/// </summary>
public sealed record ResumeLine(string Text, bool IsBullet, string Style);
