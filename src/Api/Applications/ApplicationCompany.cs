namespace RoleFerry.Api.Applications;

/// <summary>The company of a tracker row.</summary>
public sealed record ApplicationCompany(long Id, string Name);
