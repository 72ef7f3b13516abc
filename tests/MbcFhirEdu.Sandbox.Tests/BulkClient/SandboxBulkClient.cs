using System.Security.Cryptography;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MbcFhirEdu.Fhir.Bulk;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Sandbox.Tests.Bulk;
using MbcFhirEdu.Sandbox.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Sandbox.Tests.BulkClient;

/// <summary>
/// The app's Bulk Data client (<c>AddSmartOnFhir</c> + <c>AddSmartBackendServices</c> + <c>AddBulkData</c>, from
/// configuration) against the sandbox on its test server: a backend client registered in the sandbox with this key, the
/// sandbox's hand-moved clock as the client's clock (timers still run on real time), short poll intervals.
/// </summary>
public sealed class SandboxBulkClient : IAsyncDisposable
{
    public const string ClientId = "bulk-client-e2e";
    private const string KeyId = "bulk-e2e-1";
    private static readonly JsonSerializerOptions Firely = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    private readonly RSA _key;
    private readonly ServiceProvider _services;

    private SandboxBulkClient(SandboxFactory factory, RSA key)
    {
        Factory = factory;
        _key = key;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smart:ClientId"] = "mbcedu-dev",
            ["Smart:RedirectUri"] = "http://127.0.0.1/callback",
            ["Smart:AllowedIssuers:0"] = SmartFlow.FhirBase,
            ["Smart:RetryBaseDelay"] = "00:00:00.001",
            ["Smart:RetryAfterCap"] = "00:00:00.010",
            ["Smart:CircuitBreakerMinimumThroughput"] = "1000",
            ["BackendServices:ClientId"] = ClientId,
            ["BackendServices:PrivateKey"] = key.ExportPkcs8PrivateKeyPem(),
            ["BackendServices:KeyId"] = KeyId,
            ["BulkData:PollInterval"] = "00:00:00.020",
            ["BulkData:MaxPollInterval"] = "00:00:00.100",
            ["BulkData:ExportDeadline"] = "00:01:00",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(factory.Clock);
        services.AddSmartOnFhir(configuration).AddSmartBackendServices(configuration).AddBulkData(configuration);
        foreach (var name in new[] { FhirRequestOptions.SmartClientName, BulkExportClient.HttpClientName })
            services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => factory.Server.CreateHandler());
        _services = services.BuildServiceProvider();
        Client = _services.GetRequiredService<IBulkExportClient>();
        Tokens = _services.GetRequiredService<BulkTokenSource>();
    }

    public SandboxFactory Factory { get; }
    public IBulkExportClient Client { get; }
    public BulkTokenSource Tokens { get; }
    public SandboxFaults Faults => Factory.Services.GetRequiredService<SandboxFaults>();
    public static Uri FhirBase { get; } = new(SmartFlow.FhirBase);

    /// <summary>A sandbox with a generated cohort of <paramref name="cohortSize"/> patients (jobs ready as soon as planned) and this client registered.</summary>
    public static SandboxBulkClient Start(int cohortSize, int resourcesPerFile = 1000, IDictionary<string, string?>? more = null)
    {
        var key = RSA.Create(2048);
        var p = key.ExportParameters(false);
        var settings = new Dictionary<string, string?>
        {
            ["Sandbox:Clients:3:ClientId"] = ClientId,
            ["Sandbox:Clients:3:Type"] = "ConfidentialAsymmetric",
            ["Sandbox:Clients:3:Jwks"] = $$"""{"keys":[{"kty":"RSA","kid":"{{KeyId}}","use":"sig","alg":"RS384","n":"{{Base64UrlEncoder.Encode(p.Modulus!)}}","e":"{{Base64UrlEncoder.Encode(p.Exponent!)}}"}]}""",
            ["Sandbox:Clients:3:Scopes:0"] = "system/*.rs",
            ["Sandbox:Bulk:JobSeconds"] = "0",
        };
        foreach (var (name, value) in more ?? new Dictionary<string, string?>()) settings[name] = value;
        return new SandboxBulkClient(BulkFlow.Factory(cohortSize, resourcesPerFile, settings), key);
    }

    /// <summary>Kick-off and manifest.</summary>
    public async Task<(Uri Status, BulkExportManifest Manifest)> ExportAsync(BulkExportRequest request)
    {
        var status = await Client.KickOffAsync(request, CancellationToken.None);
        return (status, await Client.WaitForManifestAsync(status, CancellationToken.None));
    }

    /// <summary>Every line of one file, parsed by Firely (strictly: the sandbox writes R4).</summary>
    public async Task<List<Resource>> ReadAsync(BulkExportFile file, bool requiresAccessToken)
    {
        var resources = new List<Resource>();
        await using var stream = await Client.OpenFileAsync(file, requiresAccessToken, CancellationToken.None);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length > 0) resources.Add(JsonSerializer.Deserialize<Resource>(line, Firely)!);
        }
        return resources;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Factory.DisposeAsync();
        _key.Dispose();
    }
}
