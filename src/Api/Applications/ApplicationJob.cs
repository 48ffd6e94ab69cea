namespace RoleFerry.Api.Applications;

/// <summary>The job of a tracker row.</summary>
public sealed record ApplicationJob(long Id, string Title, string? Location);
