namespace RoleFerry.Api.Applications;

/// <summary>How many of the caller's applications have one status.</summary>
public sealed record StatusCount(string Status, long Count);
