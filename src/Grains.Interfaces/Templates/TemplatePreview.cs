namespace RoleFerry.Grains.Interfaces.Templates;

/// <summary>
/// Each step rendered; <see cref="MissingVariables"/>: variables neither built in nor sampled (left as <c>{{name}}</c>
/// in the text; enrolling asks for them); <see cref="Sample"/>: rendered with sample values, not a real person's.
/// </summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.TemplatePreview")]
public sealed record TemplatePreview(
    [property: Id(0)] IReadOnlyList<RenderedStep> Steps,
    [property: Id(1)] IReadOnlyList<string> MissingVariables,
    [property: Id(2)] bool Sample);
