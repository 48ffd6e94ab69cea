namespace RoleFerry.Grains.Interfaces.Users;

/// <summary>Enroll one of the user's contacts, for one of their applications, in a template.</summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.EnrollmentRequest")]
public sealed record EnrollmentRequest(
    [property: Id(0)] long ApplicationId,
    [property: Id(1)] long ContactId,
    [property: Id(2)] long TemplateId,
    [property: Id(3)] IReadOnlyDictionary<string, string> Variables);
