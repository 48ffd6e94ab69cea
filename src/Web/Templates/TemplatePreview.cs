namespace RoleFerry.Web.Templates;

/// <summary><c>GET /api/sequence-templates/{id}/preview</c>: each step rendered, the variables nobody fills, whether the values are samples.</summary>
public sealed record TemplatePreview(IReadOnlyList<RenderedStep> Steps, IReadOnlyList<string> MissingVariables, bool Sample);
