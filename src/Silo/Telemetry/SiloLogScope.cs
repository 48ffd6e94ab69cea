using System.Collections;

namespace RoleFerry.Silo.Telemetry;

/// <summary>
/// The log scope that names the silo: <c>Silo: host-11111</c> on a console line, a <c>Silo</c> property for
/// structured sinks (the JSON console formatter lists it among the scopes).
/// </summary>
public sealed class SiloLogScope(string siloName) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string PropertyName = "Silo";

    public string SiloName { get; } = siloName;

    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new(PropertyName, SiloName) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{PropertyName}: {SiloName}";
}
