using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace RoleFerry.Dashboard.Tests.Support;

/// <summary>A whole silo (API, Orleans, dashboard) in memory over one test database, in the given environment.</summary>
public sealed class SiloFactory(string environment, string connectionString) : WebApplicationFactory<Program>
{
    public string ConnectionString => connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in SiloSettings.For(connectionString))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }
}
