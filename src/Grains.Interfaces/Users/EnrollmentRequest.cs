namespace RoleFerry.Grains.Interfaces.Users;

public sealed record EnrollmentRequest(
    long ApplicationId,
    long ContactId,
    long TemplateId,
    IReadOnlyDictionary<string, string> Variables);
