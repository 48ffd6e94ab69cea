namespace RoleFerry.Api.Jobs.Import;

/// <summary>
/// <c>POST /api/jobs/import</c>: how many jobs were created and how many were already known, the rows that failed,
/// and the jobs of the rows that imported (created or existing), in row order.
/// </summary>
public sealed record ImportResponse(int Created, int Existing, IReadOnlyList<ImportFailure> Failed, IReadOnlyList<JobResponse> Jobs);
