using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RoleFerry.Bench;

/// <summary>
/// The log of a silo hosted in the harness: warnings and errors go to a file (not the console, where a burst of
/// reminder-tick timeouts would drown the figures), the first <see cref="MaxLinesPerKind"/> of each level and
/// category (so a flood of one kind does not hide the first lines of another), and all are counted by level and
/// category, for the notes.
/// </summary>
public sealed class SiloLog : ILoggerProvider
{
    /// <summary>Entries of one level and category written to the file at most (a 20,000-step burst logged ~1 GB of timeouts and stack traces).</summary>
    public const int MaxLinesPerKind = 2_000;

    private readonly StreamWriter? _file;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private bool _closed;

    public SiloLog(string? path)
    {
        Path = path;
        if (path is not null)
        {
            _file = new StreamWriter(path, append: false) { AutoFlush = false };
        }
    }

    public string? Path { get; }

    /// <summary>Warnings and errors so far, by "Level category" (e.g. "Warning Orleans.Runtime.ReminderService.LocalReminderService").</summary>
    public IReadOnlyDictionary<string, long> Counts => _counts;

    public long Total => _counts.Values.Sum();

    /// <summary>"n × level category" of the most frequent entries, for a note; "none" when there were none.</summary>
    public string Describe(int top = 5) => _counts.IsEmpty
        ? "no warnings or errors"
        : string.Join("; ", _counts.OrderByDescending(c => c.Value).Take(top).Select(c => $"{c.Value:N0} × {c.Key}"))
          + (Path is null ? "" : $" (log: {Path})");

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
        {
            var unwritten = _counts.Where(c => c.Value > MaxLinesPerKind).Select(c => $"{c.Value - MaxLinesPerKind:N0} × {c.Key}").ToList();
            if (!_closed && unwritten.Count > 0)
            {
                _file?.WriteLine($"... not written, past the first {MaxLinesPerKind:N0} of their kind: {string.Join("; ", unwritten)}");
            }

            _closed = true;
            _file?.Dispose();
        }
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var seen = _counts.AddOrUpdate($"{level} {category}", 1, (_, n) => n + 1);
        if (_file is null || seen > MaxLinesPerKind)
        {
            return;
        }

        lock (_gate)
        {
            if (!_closed)
            {
                _file.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {level} {category}: {message}{(exception is null ? "" : " | " + exception.GetType().Name + ": " + exception.Message)}");
            }
        }
    }

    private sealed class Logger(SiloLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Write(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
