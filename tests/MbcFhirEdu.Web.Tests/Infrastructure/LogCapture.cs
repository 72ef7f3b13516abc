using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MbcFhirEdu.Web.Tests.Infrastructure;

/// <summary>Keeps every log line the app writes (after the app's own level filters), to check them for PHI.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>The same lines with their level and category apart, to check what was logged at which level.</summary>
    public IReadOnlyCollection<LogEntry> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines, _entries);

    public void Dispose() { }

    public sealed record LogEntry(LogLevel Level, string Category, string Message);

    private sealed class Logger(string category, ConcurrentQueue<string> lines, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            lines.Enqueue($"{category}: {message} {exception}");
            entries.Enqueue(new LogEntry(logLevel, category, message));
        }
    }
}
