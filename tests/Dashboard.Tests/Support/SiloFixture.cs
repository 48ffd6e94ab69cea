using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using RoleFerry.Testing;

namespace RoleFerry.Dashboard.Tests.Support;

/// <summary>One in-memory silo over a fresh database for a test class, in one hosting environment.</summary>
public abstract class SiloFixture(string environment) : IAsyncLifetime
{
    public SiloFactory Factory { get; private set; } = null!;

    /// <summary>This silo's address as the dashboard names it (e.g. <c>127.0.0.1:11111@123456</c>).</summary>
    public string SiloAddress { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Factory = new SiloFactory(environment, await TestDatabase.CreateAsync());
        _ = Factory.Server;
        SiloAddress = Factory.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    /// <summary>A client that follows no redirect and keeps no cookie (tests send their cookies themselves).</summary>
    public HttpClient Client(string baseAddress = "http://localhost") =>
        Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri(baseAddress) });
}
