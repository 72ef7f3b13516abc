using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MbcFhirEdu.Fhir.Smart;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests.Infrastructure;

/// <summary>What a CDS client does: get a sandbox token, prefetch from the sandbox FHIR server, call the service.</summary>
public static class CdsCalls
{
    public const string ServicePath = "/cds-services/mbc-education";

    /// <summary>A sandbox-issued access token for <paramref name="patient"/>, from a real portal launch.</summary>
    public static async Task<string> SandboxTokenAsync(WebAppFactory factory, string patient)
    {
        var browser = factory.NewBrowser();
        await Launches.AsPatientAsync(browser, patient);
        var sessionId = browser.SessionId;
        var session = await factory.Services.GetRequiredService<ITokenSessionStore>().GetAsync(sessionId, CancellationToken.None);
        return session!.AccessToken;
    }

    /// <summary>The four prefetch values, read from the sandbox FHIR server the way a CDS client would.</summary>
    public static async Task<JsonObject> PrefetchAsync(WebAppFactory factory, string patient, string token)
    {
        var client = factory.CreateClient();
        async Task<JsonNode> Get(string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, WebAppFactory.Issuer + "/" + path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }
        return new JsonObject
        {
            ["patient"] = await Get($"Patient/{patient}"),
            ["conditions"] = await Get($"Condition?patient={patient}"),
            ["labs"] = await Get($"Observation?patient={patient}&category=laboratory"),
            ["reports"] = await Get($"DiagnosticReport?patient={patient}"),
        };
    }

    public static JsonObject Request(string patient, JsonObject? prefetch = null, string? fhirServer = null, string? accessToken = null)
    {
        var body = new JsonObject
        {
            ["hook"] = "patient-view",
            ["hookInstance"] = Guid.NewGuid().ToString(),
            ["context"] = new JsonObject { ["userId"] = "Practitioner/onc-halloway", ["patientId"] = patient },
        };
        if (prefetch is not null) body["prefetch"] = prefetch;
        if (fhirServer is not null) body["fhirServer"] = fhirServer;
        if (accessToken is not null)
            body["fhirAuthorization"] = new JsonObject { ["access_token"] = accessToken, ["token_type"] = "Bearer", ["expires_in"] = 300, ["scope"] = "patient/*.rs", ["subject"] = "cds" };
        return body;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string body, string? jwt, string path = ServicePath, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (jwt is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
