using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Sandbox.Tests.Infrastructure;

/// <summary>The app side of SMART App Launch, step by step, so each test states only what it changes.</summary>
public sealed class SmartFlow(HttpClient http)
{
    public const string Root = "http://localhost/sandbox";
    public const string FhirBase = Root + "/fhir";
    public const string TokenUrl = Root + "/auth/token";
    public const string DevClientId = "mbcedu-dev";
    public const string RedirectUri = "http://127.0.0.1:51234/callback";

    public string Verifier { get; } = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
    public string Challenge => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier)));
    public string State { get; } = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));

    public Dictionary<string, string?> AuthorizeParameters(string scope, string? launch = null, string? pick = null, string clientId = DevClientId) => new()
    {
        ["response_type"] = "code",
        ["client_id"] = clientId,
        ["redirect_uri"] = RedirectUri,
        ["scope"] = scope,
        ["state"] = State,
        ["aud"] = FhirBase,
        ["code_challenge"] = Challenge,
        ["code_challenge_method"] = "S256",
        ["launch"] = launch,
        ["sandbox_pick"] = pick,
        ["nonce"] = "nonce-" + State,
    };

    public Task<HttpResponseMessage> AuthorizeAsync(Dictionary<string, string?> parameters) =>
        http.GetAsync(QueryHelpers.AddQueryString(Root + "/auth/authorize", parameters.Where(p => p.Value is not null)));

    /// <summary>Authorizes and returns the code from the redirect, checking state comes back unchanged.</summary>
    public async Task<string> GetCodeAsync(Dictionary<string, string?> parameters)
    {
        using var response = await AuthorizeAsync(parameters);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = Query(response.Headers.Location!);
        Assert.True(query.ContainsKey("code"), $"expected a code, got {response.Headers.Location}");
        Assert.Equal(parameters["state"], query["state"]);
        return query["code"];
    }

    public Task<HttpResponseMessage> PostTokenAsync(Dictionary<string, string> form, AuthenticationHeaderValue? authorization = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, TokenUrl) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = authorization;
        return http.SendAsync(request);
    }

    public Task<HttpResponseMessage> ExchangeAsync(string code, string? verifier = null, string redirectUri = RedirectUri, string clientId = DevClientId) =>
        PostTokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier ?? Verifier,
            ["client_id"] = clientId,
        });

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Standalone launch picking <paramref name="pick"/>, then the code exchange.</summary>
    public async Task<JsonElement> StandaloneTokenAsync(string scope, string pick)
    {
        var code = await GetCodeAsync(AuthorizeParameters(scope, pick: pick));
        return await ReadJsonAsync(await ExchangeAsync(code));
    }

    /// <summary>Asks the sandbox EHR for a launch and returns the launch id it sent to the app.</summary>
    public async Task<string> LaunchAsync(string path)
    {
        using var response = await http.GetAsync(Root + path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = Query(response.Headers.Location!);
        Assert.Equal(FhirBase, query["iss"]);
        return query["launch"];
    }

    public Task<HttpResponseMessage> GetFhirAsync(string urlOrPath, string? accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, urlOrPath.StartsWith("http", StringComparison.Ordinal) ? urlOrPath : FhirBase + "/" + urlOrPath);
        if (accessToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return http.SendAsync(request);
    }

    public static Dictionary<string, string> Query(Uri location) =>
        QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
}
