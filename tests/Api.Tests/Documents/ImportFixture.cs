using RoleFerry.Api.Tests.Support;
using RoleFerry.Testing;

namespace RoleFerry.Api.Tests.Documents;

/// <summary>A silo allowed to fetch pages on private addresses (RoleFerry:Jobs:AllowPrivateFetch) and a local career site.</summary>
public sealed class ImportFixture : IAsyncLifetime
{
    public ApiFactory Factory { get; private set; } = null!;

    public LocalSite Site { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Site = await LocalSite.StartAsync();
        Factory = new ApiFactory(await TestDatabase.CreateAsync(), new Dictionary<string, string?>
        {
            ["RoleFerry:Jobs:AllowPrivateFetch"] = "true",
            ["RoleFerry:Jobs:FetchTimeout"] = "00:00:02",
        });
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Site.DisposeAsync();
    }

    public Task<TestUser> NewUserAsync() => Factory.NewUserAsync();
}
