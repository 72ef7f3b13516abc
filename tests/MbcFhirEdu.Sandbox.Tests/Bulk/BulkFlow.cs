using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MbcFhirEdu.Sandbox.Tests.Infrastructure;

namespace MbcFhirEdu.Sandbox.Tests.Bulk;

/// <summary>The client side of a Bulk Data export against the sandbox, step by step, so each test states only what it checks.</summary>
public sealed class BulkFlow(SandboxFactory factory)
{
    private readonly HttpClient _http = factory.CreateSandboxClient();
    private readonly SmartFlow _smart = new(factory.CreateSandboxClient());

    public HttpClient Http => _http;

    /// <summary>A SMART Backend Services token (client_credentials, private_key_jwt) of the test backend client.</summary>
    public async Task<string> TokenAsync(string scope = "system/*.rs")
    {
        var assertion = factory.BackendKey.CreateAssertion(SandboxFactory.BackendClientId, SmartFlow.TokenUrl, factory.Clock.GetUtcNow());
        var token = await SmartFlow.ReadJsonAsync(await _smart.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = scope,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        }));
        return token.GetProperty("access_token").GetString()!;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string urlOrPath, string? token, string? prefer = "respond-async")
    {
        var request = new HttpRequestMessage(method, urlOrPath.StartsWith("http", StringComparison.Ordinal) ? urlOrPath : SmartFlow.FhirBase + "/" + urlOrPath);
        request.Headers.Accept.ParseAdd("application/fhir+json");
        if (prefer is not null) request.Headers.TryAddWithoutValidation("Prefer", prefer);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _http.SendAsync(request);
    }

    /// <summary>Kick-off that must be accepted; returns the status URL.</summary>
    public async Task<string> KickOffAsync(string path, string token)
    {
        using var response = await SendAsync(HttpMethod.Get, path, token);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"kick-off {path}: {response.StatusCode} {body}");
        return response.Content.Headers.ContentLocation?.ToString() ?? response.Headers.GetValues("Content-Location").Single();
    }

    /// <summary>Moves the clock past the job time and polls (a bounded number of times) until the manifest is there.</summary>
    public async Task<JsonElement> ManifestAsync(string statusUrl, string token)
    {
        factory.Clock.Advance(TimeSpan.FromSeconds(5));
        for (var attempt = 0; attempt < 500; attempt++)
        {
            using var response = await SendAsync(HttpMethod.Get, statusUrl, token, prefer: null);
            if (response.StatusCode == HttpStatusCode.OK) return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await Task.Delay(20); // the job plans on a background thread
        }
        throw new Xunit.Sdk.XunitException("the export did not complete");
    }

    public async Task<JsonElement> ExportAsync(string path, string token) => await ManifestAsync(await KickOffAsync(path, token), token);

    /// <summary>The lines of one NDJSON file, each parsed as JSON.</summary>
    public async Task<List<JsonElement>> ReadFileAsync(string url, string token)
    {
        using var response = await SendAsync(HttpMethod.Get, url, token, prefer: null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"download: {response.StatusCode} {body}");
        Assert.Equal("application/fhir+ndjson", response.Content.Headers.ContentType?.MediaType);
        return [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    /// <summary>Every resource of every output file of a manifest.</summary>
    public async Task<List<JsonElement>> ReadAllAsync(JsonElement manifest, string token)
    {
        var all = new List<JsonElement>();
        foreach (var file in manifest.GetProperty("output").EnumerateArray())
            all.AddRange(await ReadFileAsync(file.GetProperty("url").GetString()!, token));
        return all;
    }

    public static SandboxFactory Factory(int cohortSize = 12, int resourcesPerFile = 1000, IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sandbox:Cohort:Size"] = cohortSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sandbox:Cohort:ResourcesPerPatient"] = "30",
            ["Sandbox:Bulk:ResourcesPerFile"] = resourcesPerFile.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sandbox:Bulk:JobSeconds"] = "2",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>()) settings[key] = value;
        return SandboxFactory.With(settings);
    }
}
