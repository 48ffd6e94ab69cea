namespace RoleFerry.Web.Applications;

public sealed record ApplicationCompany(long Id, string Name);
