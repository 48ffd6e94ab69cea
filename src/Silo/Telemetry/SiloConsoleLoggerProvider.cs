using Microsoft.Extensions.Logging.Console;

namespace RoleFerry.Silo.Telemetry;

/// <summary>
/// The console logger with the silo's name as the first scope of every line (<see cref="SiloLogScope"/>): several
/// silos on one machine, or their containers' logs side by side, tell which silo wrote what. Same alias as the
/// console provider, so <c>Logging:Console:*</c> settings still apply.
/// </summary>
[ProviderAlias("Console")]
internal sealed class SiloConsoleLoggerProvider(ConsoleLoggerProvider console, SiloLogScope silo) : ILoggerProvider, ISupportExternalScope
{
    public ILogger CreateLogger(string categoryName) => console.CreateLogger(categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) =>
        console.SetScopeProvider(new SiloScopeProvider(silo, scopeProvider));

    public void Dispose() => console.Dispose();
}
