namespace RoleFerry.Grains.Sequences;

/// <summary>
/// A <c>sequence_instances</c> row to write from <see cref="State"/> where its version is still <see cref="Version"/>
/// (the grain awaits the write, so the state does not change meanwhile).
/// </summary>
internal sealed record SequenceRowWrite(long Id, long Version, SequenceState State);
