using System.Text;

namespace RoleFerry.Actors;

/// <summary>
/// Places grains in partitions: <c>partition = stableHash(grainType, key) mod P</c>. The hash (32-bit FNV-1a over
/// the UTF-8 of type, a zero byte and key) never changes between processes, so it can be stored. A silo serves
/// the partitions it owns; a silo alone owns them all.
/// </summary>
public sealed class PartitionMap
{
    private readonly int[] _owned;

    public PartitionMap(int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        PartitionCount = partitionCount;
        _owned = Enumerable.Range(0, partitionCount).ToArray();
    }

    public int PartitionCount { get; }

    /// <summary>The partitions this silo serves.</summary>
    public IReadOnlyList<int> Owned => _owned;

    public int GetPartition(GrainId grainId) => (int)(StableHash(grainId) % (uint)PartitionCount);

    public static uint StableHash(GrainId grainId)
    {
        const uint offsetBasis = 2166136261;
        const uint prime = 16777619;
        var hash = offsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(grainId.Type + "\0" + grainId.Key))
        {
            hash = (hash ^ b) * prime;
        }

        return hash;
    }
}
