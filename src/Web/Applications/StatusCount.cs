namespace RoleFerry.Web.Applications;

public sealed record StatusCount(string Status, long Count);
