namespace RoleFerry.Api.Jobs;

/// <summary>The id of a job found or created by <see cref="JobCatalog"/>, and whether this call created it.</summary>
public readonly record struct FoundJob(long Id, bool Created);
