namespace RoleFerry.Web.Jobs;

public sealed record JobCompany(long Id, string Name, string Domain);
