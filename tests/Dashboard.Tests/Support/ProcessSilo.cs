using System.Globalization;
using RoleFerry.Testing;

namespace RoleFerry.Dashboard.Tests.Support;

/// <summary>A silo process (<see cref="SiloProcess"/>) over a fresh database with the dashboard tests' settings.</summary>
public static class ProcessSilo
{
    public static async Task<SiloProcess> StartAsync(string environment) =>
        await SiloProcess.StartAsync(
            environment,
            SiloSettings.For(await TestDatabase.CreateAsync()),
            new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}"));
}
