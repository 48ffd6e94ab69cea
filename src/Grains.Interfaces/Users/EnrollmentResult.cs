using RoleFerry.Grains.Interfaces.Sequences;

namespace RoleFerry.Grains.Interfaces.Users;

/// <summary>The enrolled sequence, or the error with a sentence for the user and, for variables, their names.</summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.EnrollmentResult")]
public sealed record EnrollmentResult(
    [property: Id(0)] SequenceView? Sequence,
    [property: Id(1)] EnrollmentError? Error,
    [property: Id(2)] string? Detail,
    [property: Id(3)] IReadOnlyList<string> MissingVariables)
{
    public static EnrollmentResult Enrolled(SequenceView sequence) => new(sequence, null, null, []);

    public static EnrollmentResult Fail(EnrollmentError error, string detail, IReadOnlyList<string>? missing = null) =>
        new(null, error, detail, missing ?? []);
}
