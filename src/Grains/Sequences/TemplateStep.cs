namespace RoleFerry.Grains.Sequences;

/// <summary>One step of a template: sent <see cref="DelayHours"/> after the previous step's send (step 1: after enrollment).</summary>
public sealed record TemplateStep(int StepNo, double DelayHours, string Subject, string Body);
