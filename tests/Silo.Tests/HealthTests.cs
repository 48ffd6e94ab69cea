using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RoleFerry.Testing;

namespace RoleFerry.Silo.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task A_started_silo_has_applied_migrations_and_is_live_and_ready()
    {
        var connectionString = await TestDatabase.CreateEmptyAsync();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            builder.UseSetting("ConnectionStrings:RoleFerry", connectionString));
        using var client = factory.CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }
}
