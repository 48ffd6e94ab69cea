namespace RoleFerry.Web.Templates;

public sealed record RenderedStep(int StepNo, double DelayHours, string Subject, string Body);
