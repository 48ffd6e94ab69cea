using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using RoleFerry.Silo.Telemetry;

namespace RoleFerry.Silo.Tests.Telemetry;

/// <summary>Every console log line of a silo carries the silo's name as its first scope, before the scopes code began.</summary>
public sealed class SiloLogScopeTests
{
    [Fact]
    public void The_console_sees_the_silo_scope_first_on_every_entry()
    {
        var seen = new ScopeRecordingFormatter();
        using var services = new ServiceCollection()
            .AddLogging(logging => logging
                .AddConsole(o => o.FormatterName = ScopeRecordingFormatter.FormatterName)
                .AddSiloNameToConsole("vm-11112"))
            .AddSingleton<ConsoleFormatter>(seen)
            .BuildServiceProvider();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("RoleFerry.Test");

        logger.LogInformation("no scope");
        using (logger.BeginScope("request {RequestId}", "r-1"))
        {
            logger.LogInformation("in a request");
        }

        Assert.Equal(
            [["Silo: vm-11112"], ["Silo: vm-11112", "request r-1"]],
            seen.Scopes);
        var silo = Assert.IsType<SiloLogScope>(seen.First);
        Assert.Equal(new KeyValuePair<string, object?>(SiloLogScope.PropertyName, "vm-11112"), Assert.Single(silo));
    }

    /// <summary>A console formatter that writes nothing and keeps the scopes of each entry.</summary>
    private sealed class ScopeRecordingFormatter() : ConsoleFormatter(FormatterName)
    {
        public const string FormatterName = "scope-recording";

        public List<List<string>> Scopes { get; } = [];

        public object? First { get; private set; }

        public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
        {
            var scopes = new List<string>();
            scopeProvider?.ForEachScope((scope, list) =>
            {
                First ??= scope;
                list.Add(scope?.ToString() ?? "");
            }, scopes);
            Scopes.Add(scopes);
        }
    }
}
