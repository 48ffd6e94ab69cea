using RoleFerry.Grains.Interfaces.Sequences;

namespace RoleFerry.Grains.Interfaces.Users;

/// <summary>The enrolled sequence, or the error with a sentence for the user and, for variables, their names.</summary>
public sealed record EnrollmentResult(
    SequenceView? Sequence,
    EnrollmentError? Error,
    string? Detail,
    IReadOnlyList<string> MissingVariables)
{
    public static EnrollmentResult Enrolled(SequenceView sequence) => new(sequence, null, null, []);

    public static EnrollmentResult Fail(EnrollmentError error, string detail, IReadOnlyList<string>? missing = null) =>
        new(null, error, detail, missing ?? []);
}
