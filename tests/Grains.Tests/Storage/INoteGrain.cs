namespace RoleFerry.Grains.Tests.Storage;

/// <summary>A test grain whose state has no table of RoleFerry's: it goes to Orleans' default (ADO.NET) storage.</summary>
[Alias("RoleFerry.Tests.INoteGrain")]
public interface INoteGrain : IGrainWithStringKey
{
    [Alias("Write")]
    Task WriteAsync(string text);

    [Alias("Read")]
    Task<string?> ReadAsync();
}
