using System.Text.Json;

namespace RoleFerry.Grains.Sequences;

/// <summary>
/// The template as it was at enrollment (sequence_instances.template_snapshot). <see cref="TrackOpens"/> and
/// <see cref="TrackClicks"/> are true in snapshots taken before templates had them.
/// </summary>
public sealed record TemplateSnapshot(
    string Name,
    IReadOnlyList<TemplateStep> Steps,
    JsonElement? SendingWindow,
    bool TrackOpens = true,
    bool TrackClicks = true)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
