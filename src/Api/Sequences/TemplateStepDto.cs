namespace RoleFerry.Api.Sequences;

/// <summary>A step of a template: sent <c>delayHours</c> after the previous step's send (step 1: after enrollment).</summary>
public sealed record TemplateStepDto(int? StepNo, double? DelayHours, string? Subject, string? Body);
