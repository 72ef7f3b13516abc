using System.Net;
using MbcFhirEdu.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;

namespace MbcFhirEdu.Web.Tests.Infrastructure;

/// <summary>
/// The web app with the sandbox EHR hosted inside it, on a test server at http://localhost. Every HttpClient the
/// app creates (SMART discovery and token calls, FHIR searches, smart_style_url) gets <see cref="OutboundHandler"/>
/// as its primary handler, so "outbound" requests reach the sandbox in the same process and can be counted or
/// failed. The allow-list and redirect URI are set to that origin.
/// Database: a SQLite file of its own by default; with <c>MBCEDU_TEST_DATABASE=PostgreSQL</c> a fresh database on the
/// shared private PostgreSQL server (<see cref="PostgresCluster"/>), dropped on dispose — unless the test names one.
/// </summary>
public sealed class WebAppFactory : WebApplicationFactory<Program>
{
    public const string Origin = "http://localhost";
    public const string Issuer = Origin + "/sandbox/fhir";
    public const string LaunchUrl = Origin + "/launch";

    private readonly Dictionary<string, string?> _settings = new()
    {
        ["Sandbox:Enabled"] = "true",
        ["Smart:ClientId"] = "mbcedu-dev",
        ["Smart:RedirectUri"] = Origin + "/callback",
        ["Smart:AllowedIssuers:0"] = Issuer,
        ["Smart:Scopes:0"] = "online_access",
        ["Smart:RetryBaseDelay"] = "00:00:00.005",
        ["Deliveries:PublicBaseUrl"] = Origin,
        // The test server's origin: absolute links and the CDS audience come only from this setting, never the Host header.
        ["Web:PublicBaseUrl"] = Origin,
        // Off by default so every page load in a test reads the record; PatientPageCacheTests turns it on.
        ["Web:RecordCacheSeconds"] = "0",
        // The scheduled population run (on by default in Development) stays off unless a test turns it on: a run in the
        // background would add outbound requests and worklist rows to tests that count them.
        ["Population:Schedule:Enabled"] = "false",
        // The start-up warm-up (on by default) costs seconds per host and a test run starts hundreds; WarmupTests turn it on.
        ["Warmup:Enabled"] = "false",
    };
    // Each factory has its own SQLite file (deleted on dispose) unless a test points it at another database.
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"mbcedu-web-{Guid.NewGuid():N}.db");
    private readonly List<string> _postgresDatabases = [];
    private int _outbound;

    /// <summary>Which database every factory uses when its test names none: <c>Sqlite</c> (default) or <c>PostgreSQL</c>.</summary>
    public const string DatabaseEnvironmentVariable = "MBCEDU_TEST_DATABASE";

    /// <summary>True when <see cref="DatabaseEnvironmentVariable"/> asks for PostgreSQL.</summary>
    public static bool UsesPostgres
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(DatabaseEnvironmentVariable);
            if (string.IsNullOrEmpty(value) || value.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)) return false;
            if (value.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase)) return true;
            throw new InvalidOperationException($"{DatabaseEnvironmentVariable} must be Sqlite or PostgreSQL, not '{value}'.");
        }
    }

    /// <summary>A factory with extra or overriding configuration.</summary>
    public static WebAppFactory With(IDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    {
        var factory = new WebAppFactory { ConfigureServices = configureServices };
        foreach (var (key, value) in settings) factory._settings[key] = value;
        return factory;
    }

    /// <summary>Sets one configuration value (before the app starts).</summary>
    public void Set(string key, string? value) => _settings[key] = value;
    /// <summary>Drops one of the factory's own settings (before the app starts), so the app's default applies.</summary>
    public void Remove(string key) => _settings.Remove(key);
    /// <summary>Sets one configuration value (before the first request); returns this factory.</summary>
    public WebAppFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>
    /// When set before the first request, replaces the app's (and the sandbox's) TimeProvider: a <see cref="ManualClock"/>
    /// (wall clock moved by hand, timers real) where requests must still time out, or a FakeTimeProvider where the test
    /// drives a path with no timer it depends on (timers then fire only when the test advances the clock).
    /// </summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>The host environment the app starts in (Development unless a test needs Production's behaviour).</summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>Extra service replacements, applied after the app's own registrations.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>
    /// When set, outbound requests go to that factory's test server (its sandbox EHR) instead of this one's: a second
    /// app instance ("after a restart", or another replica) talking to the same EHR.
    /// </summary>
    public WebAppFactory? OutboundTo { get; init; }

    /// <summary>Answers an outbound request with this status instead of sending it, when it returns one.</summary>
    public Func<HttpRequestMessage, HttpStatusCode?>? Fault { get; set; }

    /// <summary>Holds an outbound request this long before it is answered (a slow EHR), when it returns a delay.</summary>
    public Func<HttpRequestMessage, TimeSpan?>? Delay { get; set; }

    public LogCapture Logs { get; } = new();

    /// <summary>Outbound attempts since start (every try: discovery, token, FHIR, style).</summary>
    public int OutboundRequests => Volatile.Read(ref _outbound);

    internal void CountOutbound() => Interlocked.Increment(ref _outbound);

    /// <summary>The factory's own SQLite database, used unless the settings name another one.</summary>
    public string DatabasePath => _databasePath;

    public Browser NewBrowser() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        if (!_settings.ContainsKey("ConnectionStrings:MbcEdu"))
        {
            if (UsesPostgres)
            {
                // ConfigureWebHost is synchronous; the cluster starts once per test process, then this is one CREATE DATABASE.
                var cluster = PostgresCluster.SharedAsync().GetAwaiter().GetResult();
                var connection = cluster.CreateDatabaseAsync("mbcedu_web").GetAwaiter().GetResult();
                _postgresDatabases.Add(connection);
                _settings["Database:Provider"] = "PostgreSQL";
                _settings["Database:MigrateOnStartup"] = "true";
                _settings["ConnectionStrings:MbcEdu"] = connection;
            }
            else
            {
                _settings["ConnectionStrings:MbcEdu"] = $"Data Source={_databasePath};Pooling=False";
            }
        }
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            if (Clock is not null) services.AddSingleton<TimeProvider>(Clock);
            // PostConfigure runs after every named client's own configuration, so this handler is the one used.
            // The OTLP exporter's own clients (OtlpTraceExporter, OtlpMetricExporter) keep talking to their collector.
            services.PostConfigureAll<HttpClientFactoryOptions>(options =>
                options.HttpMessageHandlerBuilderActions.Add(handlers =>
                {
                    if (handlers.Name?.StartsWith("Otlp", StringComparison.Ordinal) != true) handlers.PrimaryHandler = new OutboundHandler(this);
                }));
            ConfigureServices?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgresDatabases.Count > 0)
        {
            var cluster = await PostgresCluster.SharedAsync();
            foreach (var connection in _postgresDatabases) await cluster.DropDatabaseAsync(connection);
            _postgresDatabases.Clear();
        }
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try { File.Delete(_databasePath + suffix); }
            catch (IOException) { }
        }
    }
}
