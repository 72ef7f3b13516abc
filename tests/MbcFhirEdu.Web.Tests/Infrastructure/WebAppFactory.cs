using System.Net;
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
        // Off by default so every page load in a test reads the record; PatientPageCacheTests turns it on.
        ["Web:RecordCacheSeconds"] = "0",
    };
    private int _outbound;

    /// <summary>A factory with extra or overriding configuration.</summary>
    public static WebAppFactory With(IDictionary<string, string?> settings)
    {
        var factory = new WebAppFactory();
        foreach (var (key, value) in settings) factory._settings[key] = value;
        return factory;
    }

    /// <summary>Sets one configuration value (before the first request); returns this factory.</summary>
    public WebAppFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>When set before the first request, replaces the app's (and the sandbox's) TimeProvider.</summary>
    public ManualClock? Clock { get; init; }

    /// <summary>Extra service replacements, applied after the app's own registrations.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Answers an outbound request with this status instead of sending it, when it returns one.</summary>
    public Func<HttpRequestMessage, HttpStatusCode?>? Fault { get; set; }

    public LogCapture Logs { get; } = new();

    /// <summary>Outbound attempts since start (every try: discovery, token, FHIR, style).</summary>
    public int OutboundRequests => Volatile.Read(ref _outbound);

    internal void CountOutbound() => Interlocked.Increment(ref _outbound);

    public Browser NewBrowser() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            if (Clock is not null) services.AddSingleton<TimeProvider>(Clock);
            // PostConfigure runs after every named client's own configuration, so this handler is the one used.
            services.PostConfigureAll<HttpClientFactoryOptions>(options =>
                options.HttpMessageHandlerBuilderActions.Add(handlers => handlers.PrimaryHandler = new OutboundHandler(this)));
            ConfigureServices?.Invoke(services);
        });
    }
}
