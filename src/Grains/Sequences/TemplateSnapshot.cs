using System.Text.Json;

namespace RoleFerry.Grains.Sequences;

/// <summary>The template as it was at enrollment (sequence_instances.template_snapshot).</summary>
public sealed record TemplateSnapshot(string Name, IReadOnlyList<TemplateStep> Steps, JsonElement? SendingWindow)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
