using RoleFerry.Grains.Tests.Support;

namespace RoleFerry.Grains.Tests.Storage;

/// <summary>State with no relational table of ours lives in Orleans' ADO.NET grain storage, in the RoleFerry database.</summary>
public sealed class DefaultStorageTests : GrainTest
{
    [Fact]
    public async Task State_without_a_table_of_ours_survives_deactivation_in_orleans_storage()
    {
        var silo = await StartSiloAsync();
        var note = silo.Grains.GetGrain<INoteGrain>("kept");

        await note.WriteAsync("written before deactivation");
        await Cluster.DeactivateAsync(note);

        Assert.Equal("written before deactivation", await note.ReadAsync());
        Assert.Equal(1L, await Seed.ScalarAsync("SELECT count(*) FROM orleansstorage WHERE graintypestring = 'note' AND version = 1"));
    }
}
