using System.Collections.Concurrent;
using MbcFhirEdu.Fhir.Bulk;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Fhir.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MbcFhirEdu.Fhir.Tests.Bulk;

/// <summary>
/// The Bulk Data client exactly as <c>AddSmartOnFhir</c> + <c>AddSmartBackendServices</c> + <c>AddBulkData</c> register
/// it from configuration, pointed at a <see cref="BulkLoopbackServer"/>, with short waits and every log entry kept.
/// </summary>
public sealed class BulkClientHost : IDisposable
{
    private readonly ServiceProvider _services;

    public BulkClientHost(BulkLoopbackServer server, Dictionary<string, string?>? settings = null)
    {
        using var key = TestKeys.Other();
        var values = new Dictionary<string, string?>
        {
            ["Smart:ClientId"] = "mbc-edu",
            ["Smart:RedirectUri"] = "http://127.0.0.1/callback",
            ["Smart:AllowedIssuers:0"] = server.Base.AbsoluteUri,
            ["Smart:RetryCount"] = "2",
            ["Smart:RetryBaseDelay"] = "00:00:00.001",
            ["Smart:RetryAfterCap"] = "00:00:00.010",
            ["Smart:CircuitBreakerMinimumThroughput"] = "1000",
            ["BackendServices:ClientId"] = "mbc-edu-backend",
            ["BackendServices:PrivateKey"] = key.ExportPkcs8PrivateKeyPem(),
            ["BackendServices:KeyId"] = "backend-1",
            ["BulkData:PollInterval"] = "00:00:00.010",
            ["BulkData:MaxPollInterval"] = "00:00:05",
            ["BulkData:ExportDeadline"] = "00:00:30",
            ["BulkData:RequestTimeout"] = "00:00:10",
        };
        foreach (var (name, value) in settings ?? []) values[name] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        _services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug))
            .AddSmartOnFhir(configuration)
            .AddSmartBackendServices(configuration)
            .AddBulkData(configuration)
            .BuildServiceProvider();
    }

    /// <summary>Resolved on first use, so a test of bad settings can see the validation error itself.</summary>
    public IBulkExportClient Client => _services.GetRequiredService<IBulkExportClient>();
    public IServiceProvider Services => _services;
    public LogEntries Logs { get; } = new();

    public void Dispose() => _services.Dispose();

    /// <summary>Every entry, with its event id and structured values.</summary>
    public sealed class LogEntries : ILoggerProvider
    {
        private readonly ConcurrentQueue<Entry> _entries = new();

        public IReadOnlyList<Entry> Event(int id) => _entries.Where(e => e.EventId == id).ToList();
        public IReadOnlyList<Entry> All => [.. _entries];
        public ILogger CreateLogger(string categoryName) => new Logger(_entries);
        public void Dispose() { }

        public sealed record Entry(int EventId, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Values);

        private sealed class Logger(ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                    ? pairs.ToDictionary(p => p.Key, p => p.Value)
                    : new Dictionary<string, object?>();
                entries.Enqueue(new Entry(eventId.Id, logLevel, formatter(state, exception), values));
            }
        }
    }
}
