namespace RoleFerry.Web.Templates;

public sealed record TemplateStep(int StepNo, double DelayHours, string? Subject, string? Body);
