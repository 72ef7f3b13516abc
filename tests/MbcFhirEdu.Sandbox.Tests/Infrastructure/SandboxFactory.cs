using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Sandbox.Tests.Infrastructure;

/// <summary>The sandbox's own Program on a test server, with a hand-moved clock and three extra clients:
/// a confidential symmetric one, a backend service (private_key_jwt) and a narrowly scoped public one.</summary>
public sealed class SandboxFactory : WebApplicationFactory<Program>
{
    public const string SymmetricClientId = "test-symmetric";
    public const string SymmetricSecret = "correct-horse-battery-staple";
    public const string BackendClientId = "test-backend";
    public const string NarrowClientId = "test-narrow";

    private readonly Dictionary<string, string?> _settings;

    public SandboxFactory()
        : this(new Dictionary<string, string?>())
    {
    }

    private SandboxFactory(IDictionary<string, string?> settings)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Sandbox:Clients:0:ClientId"] = SymmetricClientId,
            ["Sandbox:Clients:0:Type"] = "ConfidentialSymmetric",
            ["Sandbox:Clients:0:ClientSecret"] = SymmetricSecret,
            ["Sandbox:Clients:0:RedirectUris:0"] = "https://app.example.test/callback",
            ["Sandbox:Clients:0:Scopes:0"] = "launch launch/patient openid fhirUser offline_access user/*.rs patient/*.rs",
            ["Sandbox:Clients:1:ClientId"] = BackendClientId,
            ["Sandbox:Clients:1:Type"] = "ConfidentialAsymmetric",
            ["Sandbox:Clients:1:Jwks"] = BackendKey.Jwks,
            ["Sandbox:Clients:1:Scopes:0"] = "system/*.rs system/Communication.c",
            ["Sandbox:Clients:2:ClientId"] = NarrowClientId,
            ["Sandbox:Clients:2:RedirectUris:0"] = "http://127.0.0.1:*/callback",
            ["Sandbox:Clients:2:Scopes:0"] = "launch/patient patient/Patient.rs patient/Condition.rs",
        };
        foreach (var (key, value) in settings) _settings[key] = value;
    }

    /// <summary>A factory with extra or overriding configuration (<c>Sandbox:…</c> keys).</summary>
    public static SandboxFactory With(IDictionary<string, string?> settings) => new(settings);

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    public TestClientKey BackendKey { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public HttpClient CreateSandboxClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    protected override void Dispose(bool disposing)
    {
        if (disposing) BackendKey.Dispose();
        base.Dispose(disposing);
    }
}
