namespace RoleFerry.Web.Applications;

public sealed record ApplicationJob(long Id, string Title, string? Location);
