namespace RoleFerry.Api.Jobs;

/// <summary>The company of a job, as embedded in job answers.</summary>
public sealed record JobCompany(long Id, string Name, string Domain);
