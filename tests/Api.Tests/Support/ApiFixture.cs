using RoleFerry.Testing;

namespace RoleFerry.Api.Tests.Support;

/// <summary>One silo over one fresh database for a test class; every test makes its own users.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public ApiFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = new ApiFactory(await TestDatabase.CreateAsync());
        _ = Factory.Server;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    public HttpClient Anonymous() => Factory.CreateClient();

    public Task<TestUser> NewUserAsync(string? email = null) => Factory.NewUserAsync(email);
}
