using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MbcFhirEdu.Fhir.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>
/// Calls the token endpoint: SMART App Launch 2.2 §2.1 "Obtain access token" (authorization_code + code_verifier) and
/// "Refresh access token", authenticating as §4 says for the configured client type: client_id in the body for a
/// public client, HTTP Basic for a symmetric one (§4.2), a signed assertion for an asymmetric one (§4.1).
/// </summary>
public sealed class SmartTokenClient(
    IHttpClientFactory httpClientFactory,
    IssuerAllowList allowList,
    ClientAssertionFactory assertions,
    IOptions<SmartClientOptions> options,
    TimeProvider timeProvider,
    ILogger<SmartTokenClient> logger)
{
    // Token responses are small; an id_token is a few kilobytes.
    private const long MaxTokenResponseBytes = 64 * 1024;
    private const int MaxErrorTextLength = 300;

    public Task<TokenEndpointResult> ExchangeCodeAsync(LaunchState launch, string code, CancellationToken cancellationToken) =>
        PostAsync(launch.Issuer, launch.TokenEndpoint, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = options.Value.RedirectUri,
            ["code_verifier"] = launch.CodeVerifier,
        }, cancellationToken);

    public Task<TokenEndpointResult> RefreshAsync(Uri issuer, Uri tokenEndpoint, string refreshToken, CancellationToken cancellationToken) =>
        PostAsync(issuer, tokenEndpoint, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        }, cancellationToken);

    /// <summary>
    /// SMART App Launch 2.2 §5 Backend Services: client_credentials with system scopes, authenticated by an assertion
    /// that <paramref name="signer"/> signs (iss = sub = its client_id, aud = <paramref name="tokenEndpoint"/>).
    /// </summary>
    internal Task<TokenEndpointResult> ClientCredentialsAsync(
        Uri issuer, Uri tokenEndpoint, string scope, ClientAssertionFactory signer, CancellationToken cancellationToken) =>
        PostAsync(issuer, tokenEndpoint, new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = scope,
        }, cancellationToken, signer);

    private async Task<TokenEndpointResult> PostAsync(
        Uri issuer, Uri tokenEndpoint, Dictionary<string, string> form, CancellationToken cancellationToken, ClientAssertionFactory? signer = null)
    {
        // Launch states and sessions may come back from a shared database: check the endpoint again before sending secrets.
        if (!allowList.IsAllowedUrl(tokenEndpoint)) return TokenEndpointResult.Failure("The token endpoint is not on an allowed origin.");

        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Options.Set(FhirRequestOptions.BreakerScope, issuer.AbsoluteUri);
        if (signer is null) AddClientAuthentication(request, form, tokenEndpoint);
        else
        {
            form["client_assertion_type"] = ClientAssertionFactory.AssertionType;
            form["client_assertion"] = signer.Create(tokenEndpoint);
        }
        request.Content = new FormUrlEncodedContent(form);
        using var deadline = new Deadline(options.Value.SmartCallDeadline, timeProvider, cancellationToken);
        try
        {
            var http = httpClientFactory.CreateClient(FhirRequestOptions.SmartClientName);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var body = await BoundedContent.ReadAsync(response.Content, MaxTokenResponseBytes, null, deadline.Token).ConfigureAwait(false);
            if (body.Bytes is null) return TokenEndpointResult.Failure("The token endpoint's answer was too large.");
            using var document = JsonDocument.Parse(body.Bytes.Length == 0 ? "{}"u8.ToArray() : body.Bytes);
            if (!response.IsSuccessStatusCode)
            {
                var (error, description) = ReadError(document.RootElement);
                SmartLog.TokenRefused(logger, (int)response.StatusCode, error);
                return TokenEndpointResult.Failure(Describe(response.StatusCode, error, description));
            }
            var token = TokenResponse.Read(document.RootElement);
            if (token is null || !token.TokenType.Equals("bearer", StringComparison.OrdinalIgnoreCase))
                return TokenEndpointResult.Failure("The token endpoint's answer had no bearer access token.");
            return TokenEndpointResult.Success(token);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException or Polly.ExecutionRejectedException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            SmartLog.TokenCallFailed(logger, ex.GetType().Name);
            return TokenEndpointResult.Failure("The token endpoint could not be reached.");
        }
    }

    private void AddClientAuthentication(HttpRequestMessage request, Dictionary<string, string> form, Uri tokenEndpoint)
    {
        var o = options.Value;
        switch (o.Authentication)
        {
            case SmartClientAuthentication.ConfidentialAsymmetric:
                form["client_assertion_type"] = ClientAssertionFactory.AssertionType;
                form["client_assertion"] = assertions.Create(tokenEndpoint);
                break;
            case SmartClientAuthentication.ConfidentialSymmetric:
                // RFC 6749 §2.3.1: both parts are form-encoded before base64.
                var pair = $"{WebUtility.UrlEncode(o.ClientId)}:{WebUtility.UrlEncode(o.ClientSecret)}";
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
                break;
            default:
                form["client_id"] = o.ClientId;
                break;
        }
    }

    private static (string Error, string? Description) ReadError(JsonElement root)
    {
        string? Get(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var error = Get("error");
        // Only the registered OAuth error vocabulary goes to logs; anything else becomes "other".
        var safe = error is not null && error.Length <= 40 && error.All(c => c is '_' or (>= 'a' and <= 'z')) ? error : "other";
        return (safe, Get("error_description"));
    }

    private static string Describe(HttpStatusCode status, string error, string? description)
    {
        var text = description is null ? error : $"{error}: {description}";
        var clean = new string(text.Where(c => !char.IsControl(c)).Take(MaxErrorTextLength).ToArray());
        return $"The authorization server refused the request ({(int)status} {clean}).";
    }
}
