using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using RoleFerry.Testing;

namespace RoleFerry.Silo.Tests;

public sealed class SendTimeoutTests
{
    [Fact]
    public async Task A_send_timeout_as_long_as_the_grain_call_timeout_stops_start_up()
    {
        var connectionString = await TestDatabase.CreateAsync();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder
            .UseSetting("ConnectionStrings:RoleFerry", connectionString)
            .UseSetting("RoleFerry:Email:SendTimeout", "00:00:30")
            .UseSetting("RoleFerry:Cluster:SiloPort", FreePort.Next().ToString(CultureInfo.InvariantCulture))
            .UseSetting("RoleFerry:Cluster:GatewayPort", FreePort.Next().ToString(CultureInfo.InvariantCulture))
            .UseSetting("RoleFerry:Cluster:AdvertisedAddress", "127.0.0.1"));

        var error = Assert.Throws<OptionsValidationException>(() => factory.Server);

        Assert.Contains("SendTimeout must be at most two thirds of Orleans' grain call timeout", error.Message);
    }
}
