using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Cli.Tests;

/// <summary>
/// The sandbox EHR on a loopback Kestrel port with a generated cohort and a Bulk Data backend client registered with this
/// fixture's key: what <c>mbcedu population run</c> talks to, over real HTTP. <see cref="Environment"/> is the CLI's
/// configuration (the web app's keys as environment variables).
/// </summary>
public sealed class PopulationSandbox : WebApplicationFactory<MbcFhirEdu.Sandbox.Program>
{
    public const string ClientId = "population-e2e";
    private const string KeyId = "population-e2e-1";
    private readonly RSA _key = RSA.Create(2048);
    private readonly int _port = FreePort();

    public PopulationSandbox()
    {
        UseKestrel(options => options.ListenLocalhost(_port));
        StartServer();
    }

    public Uri FhirBase => new($"http://localhost:{_port}/sandbox/fhir");

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["BackendServices__ClientId"] = ClientId,
        ["BackendServices__PrivateKey"] = _key.ExportPkcs8PrivateKeyPem(),
        ["BackendServices__KeyId"] = KeyId,
        ["BulkData__PollInterval"] = "00:00:00.050",
        ["BulkData__MaxPollInterval"] = "00:00:00.200",
        ["Population__PollInterval"] = "00:00:00.100",
        ["Population__Partitions"] = "4",
        ["Population__BatchSize"] = "25",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var p = _key.ExportParameters(false);
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sandbox:Cohort:Size"] = "40",
            ["Sandbox:Cohort:ResourcesPerPatient"] = "20",
            ["Sandbox:Bulk:ResourcesPerFile"] = "150",
            ["Sandbox:Bulk:JobSeconds"] = "0",
            ["Sandbox:Clients:3:ClientId"] = ClientId,
            ["Sandbox:Clients:3:Type"] = "ConfidentialAsymmetric",
            ["Sandbox:Clients:3:Jwks"] = $$"""{"keys":[{"kty":"RSA","kid":"{{KeyId}}","use":"sig","alg":"RS384","n":"{{Base64UrlEncoder.Encode(p.Modulus!)}}","e":"{{Base64UrlEncoder.Encode(p.Exponent!)}}"}]}""",
            ["Sandbox:Clients:3:Scopes:0"] = "system/*.rs",
        }));
    }

    /// <summary>Changes <paramref name="patients"/> cohort patients (the sandbox's own advance); returns their ids.</summary>
    public async Task<HashSet<string>> AdvanceCohortAsync(int patients)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{_port}/") };
        using var response = await http.PostAsync($"sandbox/_cohort/advance?patients={patients}", content: null);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("patient").GetString()!).ToHashSet();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _key.Dispose();
        base.Dispose(disposing);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
