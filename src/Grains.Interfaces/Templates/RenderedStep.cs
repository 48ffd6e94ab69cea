namespace RoleFerry.Grains.Interfaces.Templates;

/// <summary>A step as it goes out: a follow-up with an empty subject is "Re: " + step 1's subject.</summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.RenderedStep")]
public sealed record RenderedStep([property: Id(0)] int StepNo, [property: Id(1)] double DelayHours, [property: Id(2)] string Subject, [property: Id(3)] string Body);
