using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using RoleFerry.Testing;

namespace RoleFerry.Silo.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task A_started_silo_has_applied_migrations_is_live_ready_and_active_in_the_membership_table()
    {
        var connectionString = await TestDatabase.CreateEmptyAsync();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder
            .UseSetting("ConnectionStrings:RoleFerry", connectionString)
            .UseSetting("RoleFerry:Cluster:ClusterId", "health-tests")
            .UseSetting("RoleFerry:Cluster:SiloPort", FreePort.Next().ToString(CultureInfo.InvariantCulture))
            .UseSetting("RoleFerry:Cluster:GatewayPort", FreePort.Next().ToString(CultureInfo.InvariantCulture))
            .UseSetting("RoleFerry:Cluster:AdvertisedAddress", "127.0.0.1"));
        using var client = factory.CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var silos = db.CreateCommand("SELECT address, status FROM orleansmembershiptable WHERE deploymentid = 'health-tests'");
        await using var reader = await silos.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("127.0.0.1", 3), (reader.GetString(0), reader.GetInt32(1)));   // 3 = SiloStatus.Active
        Assert.False(await reader.ReadAsync());
    }
}
