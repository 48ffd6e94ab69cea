namespace RoleFerry.Grains.Tests.Storage;

/// <summary>The state of a <see cref="NoteGrain"/>.</summary>
[GenerateSerializer, Alias("RoleFerry.Tests.Note")]
public sealed class Note
{
    [Id(0)]
    public string? Text { get; set; }
}
