using MbcFhirEdu.Fhir.Smart;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Fhir.Tests.Smart;

public sealed class IssuerAllowListTests
{
    private static IssuerAllowList AllowList(params string[] issuers) =>
        new(Options.Create(new SmartClientOptions { AllowedIssuers = [.. issuers], AuthorizationServerOrigins = ["https://auth.example.net"] }));

    [Theory]
    [InlineData("https://ehr.example.org/fhir")]
    [InlineData("https://ehr.example.org/fhir/")]
    [InlineData("HTTPS://EHR.example.ORG/fhir")]
    [InlineData("https://ehr.example.org:443/fhir")]
    public void Issuer_SpelledDifferentlyButEquivalent_IsAllowed(string iss)
    {
        Assert.True(AllowList("https://ehr.example.org/fhir/").TryGetIssuer(iss, out var issuer));
        Assert.Equal("https://ehr.example.org/fhir", issuer.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://ehr.example.org/fhir2")]
    [InlineData("https://ehr.example.org/FHIR")]
    [InlineData("https://ehr.example.org/fhir/Patient")]
    [InlineData("https://ehr.example.org.evil.test/fhir")]
    [InlineData("https://ehr.example.org:8443/fhir")]
    [InlineData("http://ehr.example.org/fhir")]
    [InlineData("https://ehr.example.org/fhir?x=1")]
    [InlineData("https://user@ehr.example.org/fhir")]
    [InlineData("not a url")]
    [InlineData("")]
    [InlineData(null)]
    public void Issuer_NotExactlyConfigured_IsRejected(string? iss) =>
        Assert.False(AllowList("https://ehr.example.org/fhir").TryGetIssuer(iss, out _));

    [Theory]
    [InlineData("http://localhost:5080/sandbox/fhir", true)]
    [InlineData("http://127.0.0.1:5080/fhir", true)]
    [InlineData("http://sandbox.local/fhir", false)]
    public void Http_IsAcceptedOnlyForLoopback(string issuer, bool accepted) =>
        Assert.Equal(accepted, IssuerAllowList.TryNormalize(issuer, out _));

    [Theory]
    [InlineData("https://ehr.example.org/auth/token", true)]
    [InlineData("https://auth.example.net/oauth2/token", true)]
    [InlineData("https://other.example.org/auth/token", false)]
    [InlineData("http://ehr.example.org/auth/token", false)]
    [InlineData("https://user:pw@ehr.example.org/auth/token", false)]
    public void Url_IsAllowedOnlyOnAnAllowedOrigin(string url, bool allowed) =>
        Assert.Equal(allowed, AllowList("https://ehr.example.org/fhir").IsAllowedUrl(new Uri(url)));

    [Fact]
    public void AuthorizationServerOrigin_IsNeverAnIssuer() =>
        Assert.False(AllowList("https://ehr.example.org/fhir").TryGetIssuer("https://auth.example.net", out _));
}
