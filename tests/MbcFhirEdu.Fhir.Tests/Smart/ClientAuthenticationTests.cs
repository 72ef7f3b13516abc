using System.Security.Cryptography;
using System.Text;
using System.Web;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Fhir.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Fhir.Tests.Smart;

public sealed class ClientAuthenticationTests
{
    [Fact]
    public async Task ConfidentialSymmetricClient_SendsHttpBasicAndNoSecretInTheBody()
    {
        using var host = new SmartTestHost(o => o.ClientSecret = "s3cret/+");
        Assert.True((await host.LaunchAsync()).Succeeded);
        var token = Assert.Single(host.Ehr.Handler.To("/auth/token"));
        var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes("mbc-edu:s3cret%2F%2B"));
        Assert.Equal("Basic " + expected, token.Authorization);
        Assert.DoesNotContain("s3cret", token.Body);
        Assert.Null(HttpUtility.ParseQueryString(token.Body!)["client_id"]);
    }

    [Theory]
    [InlineData("RS384")]
    [InlineData("ES384")]
    public async Task AsymmetricClient_AssertionVerifiesWithThePublicKeyAndCarriesTheSmartClaims(string algorithm)
    {
        using AsymmetricAlgorithm key = algorithm == "RS384" ? TestKeys.Other() : ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var pem = key is RSA rsa ? rsa.ExportPkcs8PrivateKeyPem() : ((ECDsa)key).ExportPkcs8PrivateKeyPem();
        using var host = new SmartTestHost(o => { o.PrivateKey = pem; o.KeyId = "app-key-7"; o.SigningAlgorithm = algorithm; });
        Assert.True((await host.LaunchAsync()).Succeeded);

        var form = HttpUtility.ParseQueryString(Assert.Single(host.Ehr.Handler.To("/auth/token")).Body!);
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form["client_assertion_type"]);
        SecurityKey publicKey = key is RSA r ? new RsaSecurityKey(r.ExportParameters(false)) : new ECDsaSecurityKey(ECDsa.Create(((ECDsa)key).ExportParameters(false)));
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(form["client_assertion"], new TokenValidationParameters
        {
            ValidIssuer = FakeEhr.ClientId,
            ValidAudience = FakeEhr.TokenEndpoint.AbsoluteUri,
            IssuerSigningKey = publicKey,
            ValidateLifetime = false,
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);
        var jwt = (JsonWebToken)validation.SecurityToken;
        Assert.Equal(algorithm, jwt.Alg);
        Assert.Equal("app-key-7", jwt.Kid);
        Assert.Equal("JWT", jwt.Typ);
        Assert.Equal(FakeEhr.ClientId, jwt.Subject);
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        Assert.InRange(jwt.ValidTo - jwt.IssuedAt, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
        Assert.Equal(host.Clock.GetUtcNow().UtcDateTime, jwt.IssuedAt);
    }

    [Fact]
    public void AsymmetricClient_EveryAssertionHasAFreshJti()
    {
        using var rsa = TestKeys.Other();
        using var host = new SmartTestHost(o => { o.PrivateKey = rsa.ExportPkcs8PrivateKeyPem(); o.KeyId = "k"; });
        var first = new JsonWebToken(host.Assertions.Create(FakeEhr.TokenEndpoint));
        var second = new JsonWebToken(host.Assertions.Create(FakeEhr.TokenEndpoint));
        Assert.NotEqual(first.Id, second.Id);
    }
}
