using System.Security.Cryptography;
using System.Text.Json;
using System.Web;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Fhir.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Fhir.Tests.Smart;

/// <summary>SMART Backend Services: the client_credentials request, its assertion, the token cache and our public JWK.</summary>
public sealed class BackendServicesTokenSourceTests
{
    private const string BackendClientId = "mbc-edu-backend";

    private static (SmartTestHost Host, BackendServicesTokenSource Source) Create(string algorithm, AsymmetricAlgorithm key, string? privateKeyText = null)
    {
        var host = new SmartTestHost();
        var pem = privateKeyText ?? (key is RSA rsa ? rsa.ExportPkcs8PrivateKeyPem() : ((ECDsa)key).ExportPkcs8PrivateKeyPem());
        var options = Microsoft.Extensions.Options.Options.Create(new BackendServicesOptions
        {
            ClientId = BackendClientId, PrivateKey = pem, KeyId = "backend-1", SigningAlgorithm = algorithm,
        });
        var source = new BackendServicesTokenSource(host.Discovery, host.TokenClient, options, host.Clock, NullLogger<BackendServicesTokenSource>.Instance);
        return (host, source);
    }

    [Theory]
    [InlineData("RS384")]
    [InlineData("ES384")]
    public async Task TokenRequest_IsClientCredentialsWithSystemScopesAndAnAssertionThatOurPublishedJwkVerifies(string algorithm)
    {
        using AsymmetricAlgorithm key = algorithm == "RS384" ? TestKeys.Other() : ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var (host, source) = Create(algorithm, key);
        using (host)
        using (source)
        {
            var token = await source.GetAccessTokenAsync(FakeEhr.Issuer, CancellationToken.None);
            Assert.True(token.Succeeded, token.Error?.Message);
            Assert.Equal("access-1", token.AccessToken);

            var request = Assert.Single(host.Ehr.Handler.To("/auth/token"));
            Assert.Null(request.Authorization);
            var form = HttpUtility.ParseQueryString(request.Body!);
            Assert.Equal("client_credentials", form["grant_type"]);
            Assert.Equal("system/Patient.rs system/Condition.rs system/Observation.rs system/DiagnosticReport.rs system/Communication.c", form["scope"]);
            Assert.Equal(ClientAssertionFactory.AssertionType, form["client_assertion_type"]);

            // The key an EHR would take from /.well-known/jwks.json verifies the assertion.
            var published = new JsonWebKey(JsonSerializer.Serialize(source.Assertions.PublicJwk()));
            var validation = await new JsonWebTokenHandler().ValidateTokenAsync(form["client_assertion"], new TokenValidationParameters
            {
                ValidIssuer = BackendClientId,
                ValidAudience = FakeEhr.TokenEndpoint.AbsoluteUri,
                IssuerSigningKey = published,
                ValidateLifetime = false,
            });
            Assert.True(validation.IsValid, validation.Exception?.Message);
            var jwt = (JsonWebToken)validation.SecurityToken;
            Assert.Equal(algorithm, jwt.Alg);
            Assert.Equal("backend-1", jwt.Kid);
            Assert.Equal(BackendClientId, jwt.Subject);
            Assert.Equal([FakeEhr.TokenEndpoint.AbsoluteUri], jwt.Audiences);
            Assert.False(string.IsNullOrEmpty(jwt.Id));
            Assert.InRange(jwt.ValidTo - host.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
        }
    }

    [Fact]
    public async Task Token_IsCachedUntilShortlyBeforeExpiry_ThenFetchedAgain()
    {
        using var key = TestKeys.Other();
        var (host, source) = Create("RS384", key);
        using (host)
        using (source)
        {
            var first = await source.GetAccessTokenAsync(FakeEhr.Issuer, CancellationToken.None);
            host.Clock.Advance(TimeSpan.FromMinutes(58));
            var cached = await source.GetAccessTokenAsync(FakeEhr.Issuer, CancellationToken.None);
            Assert.Equal(first.AccessToken, cached.AccessToken);
            Assert.Single(host.Ehr.Handler.To("/auth/token"));

            // expires_in is 3600 s and the margin 60 s: at 59 min 30 s the token is renewed.
            host.Clock.Advance(TimeSpan.FromSeconds(90));
            var renewed = await source.GetAccessTokenAsync(FakeEhr.Issuer, CancellationToken.None);
            Assert.Equal("access-2", renewed.AccessToken);
            Assert.Equal(2, host.Ehr.Handler.To("/auth/token").Count);
        }
    }

    [Fact]
    public async Task ConcurrentCallers_ShareOneTokenRequest_AndA401RenewsOnce()
    {
        using var key = TestKeys.Other();
        var (host, source) = Create("RS384", key);
        using (host)
        using (source)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => source.GetAccessTokenAsync(FakeEhr.Issuer, CancellationToken.None))));
            Assert.All(results, r => Assert.Equal("access-1", r.AccessToken));
            Assert.Single(host.Ehr.Handler.To("/auth/token"));

            var renewed = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => source.OnUnauthorizedAsync(FakeEhr.Issuer, "access-1", CancellationToken.None)));
            Assert.All(renewed, r => Assert.Equal("access-2", r.AccessToken));
            Assert.Equal(2, host.Ehr.Handler.To("/auth/token").Count);
        }
    }

    [Fact]
    public async Task FhirBaseOffTheAllowList_IsRefusedWithoutAnyRequest()
    {
        using var key = TestKeys.Other();
        var (host, source) = Create("RS384", key);
        using (host)
        using (source)
        {
            var result = await source.GetAccessTokenAsync("https://evil.example.org/fhir", CancellationToken.None);
            Assert.False(result.Succeeded);
            Assert.Equal(SmartErrorCode.UnknownIssuer, result.Error.Code);
            Assert.Empty(host.Ehr.Handler.Requests);
        }
    }

    [Fact]
    public async Task TokenEndpointRefusal_IsAFailureWithTheServersWords_AndNothingIsCached()
    {
        using var key = TestKeys.Other();
        var (host, source) = Create("RS384", key);
        using (host)
        using (source)
        {
            host.Ehr.TokenOverride = _ => Responses.Json(new Dictionary<string, object?> { ["error"] = "invalid_client", ["error_description"] = "unknown key" }, System.Net.HttpStatusCode.BadRequest);
            var refused = await source.GetAccessTokenAsync(FakeEhr.Issuer, CancellationToken.None);
            Assert.False(refused.Succeeded);
            Assert.Contains("invalid_client: unknown key", refused.Error.Message);

            host.Ehr.TokenOverride = null;
            Assert.True((await source.GetAccessTokenAsync(FakeEhr.Issuer, CancellationToken.None)).Succeeded);
        }
    }

    [Theory]
    [InlineData("RS384")]
    [InlineData("ES384")]
    public void PublicJwk_HasOnlyPublicParameters(string algorithm)
    {
        using AsymmetricAlgorithm key = algorithm == "RS384" ? TestKeys.Other() : ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var (host, source) = Create(algorithm, key);
        using (host)
        using (source)
        {
            var jwk = source.Assertions.PublicJwk();
            Assert.Equal("sig", jwk["use"]);
            Assert.Equal(algorithm, jwk["alg"]);
            Assert.Equal("backend-1", jwk["kid"]);
            Assert.Equal(algorithm == "RS384" ? ["alg", "e", "kid", "kty", "n", "use"] : ["alg", "crv", "kid", "kty", "use", "x", "y"],
                jwk.Keys.Order(StringComparer.Ordinal).ToArray());
        }
    }

    [Fact]
    public async Task PrivateKeyGivenAsJwk_SignsLikeThePem()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var p = ec.ExportParameters(includePrivateParameters: true);
        var jwk = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["kty"] = "EC", ["crv"] = "P-384", ["x"] = Base64UrlEncoder.Encode(p.Q.X!), ["y"] = Base64UrlEncoder.Encode(p.Q.Y!), ["d"] = Base64UrlEncoder.Encode(p.D!),
        });
        var (host, source) = Create("ES384", ec, jwk);
        using (host)
        using (source)
        {
            Assert.True((await source.GetAccessTokenAsync(FakeEhr.Issuer, CancellationToken.None)).Succeeded);
            var form = HttpUtility.ParseQueryString(Assert.Single(host.Ehr.Handler.To("/auth/token")).Body!);
            var validation = await new JsonWebTokenHandler().ValidateTokenAsync(form["client_assertion"], new TokenValidationParameters
            {
                ValidIssuer = BackendClientId, ValidAudience = FakeEhr.TokenEndpoint.AbsoluteUri, ValidateLifetime = false,
                IssuerSigningKey = new ECDsaSecurityKey(ECDsa.Create(ec.ExportParameters(false))),
            });
            Assert.True(validation.IsValid, validation.Exception?.Message);
        }
    }

    [Fact]
    public void Validator_RefusesMissingKeyNonSystemScopesAndAWrongKeyType()
    {
        var validator = new BackendServicesOptionsValidator();
        using var rsa = TestKeys.Other();
        Assert.True(validator.Validate(null, new BackendServicesOptions()).Succeeded);
        Assert.Contains("PrivateKey is required", validator.Validate(null, new BackendServicesOptions { ClientId = "c", KeyId = "k" }).FailureMessage);
        Assert.Contains("system/ scopes", validator.Validate(null, new BackendServicesOptions
        {
            ClientId = "c", KeyId = "k", PrivateKey = rsa.ExportPkcs8PrivateKeyPem(), Scopes = ["patient/Patient.rs"],
        }).FailureMessage);
        Assert.Contains("could not be loaded", validator.Validate(null, new BackendServicesOptions
        {
            ClientId = "c", KeyId = "k", PrivateKey = rsa.ExportPkcs8PrivateKeyPem(), SigningAlgorithm = "ES384",
        }).FailureMessage);
        Assert.True(validator.Validate(null, new BackendServicesOptions { ClientId = "c", KeyId = "k", PrivateKey = rsa.ExportPkcs8PrivateKeyPem() }).Succeeded);
    }
}
