namespace RoleFerry.Api.Tests.Outreach;

/// <summary>An application at a new company: what outreach is enrolled for.</summary>
public sealed record TrackedJob(long CompanyId, string CompanyName, long JobId, string JobTitle, long ApplicationId);
