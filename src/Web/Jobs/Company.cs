namespace RoleFerry.Web.Jobs;

/// <summary>A company of the catalogue (<c>/api/companies</c>).</summary>
public sealed record Company(long Id, string Name, string Domain);
