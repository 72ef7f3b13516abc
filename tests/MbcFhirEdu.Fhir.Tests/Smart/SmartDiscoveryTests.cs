using System.Net;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Fhir.Tests.Support;

namespace MbcFhirEdu.Fhir.Tests.Smart;

public sealed class SmartDiscoveryTests
{
    [Fact]
    public async Task Discovery_UnknownIssuer_FailsWithoutAnyRequest()
    {
        using var host = new SmartTestHost();
        var result = await host.Discovery.DiscoverAsync("https://attacker.example.com/fhir", CancellationToken.None);
        Assert.Equal(SmartErrorCode.UnknownIssuer, result.Error?.Code);
        Assert.Empty(host.Ehr.Handler.Requests);
    }

    [Fact]
    public async Task Discovery_WellKnown_GivesEndpointsCapabilitiesAndPkceMethods()
    {
        using var host = new SmartTestHost();
        var result = await host.Discovery.DiscoverAsync(FakeEhr.Issuer + "/", CancellationToken.None);
        Assert.True(result.Succeeded, result.Error?.Message);
        var c = result.Configuration;
        Assert.Equal(SmartConfigurationSource.WellKnown, c.Source);
        Assert.Equal(FakeEhr.AuthorizeEndpoint, c.AuthorizationEndpoint);
        Assert.Equal(FakeEhr.TokenEndpoint, c.TokenEndpoint);
        Assert.Equal(FakeEhr.JwksUri, c.JwksUri);
        Assert.True(c.SupportsPermissionV2);
        Assert.Contains("S256", c.CodeChallengeMethodsSupported);
        Assert.Contains("offline_access", c.ScopesSupported);
        var request = Assert.Single(host.Ehr.Handler.Requests);
        Assert.Equal("https://ehr.example.org/fhir/.well-known/smart-configuration", request.Uri.AbsoluteUri);
        Assert.Equal("application/json", request.Accept);
    }

    [Fact]
    public async Task Discovery_NoWellKnown_FallsBackToCapabilityStatement()
    {
        using var host = new SmartTestHost();
        host.Ehr.WellKnownAvailable = false;
        var result = await host.Discovery.DiscoverAsync(FakeEhr.Issuer, CancellationToken.None);
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(SmartConfigurationSource.CapabilityStatement, result.Configuration.Source);
        Assert.Equal(FakeEhr.TokenEndpoint, result.Configuration.TokenEndpoint);
        Assert.False(result.Configuration.SupportsPermissionV2);
        Assert.Equal(["/fhir/.well-known/smart-configuration", "/fhir/metadata"], host.Ehr.Handler.Requests.Select(r => r.Uri.AbsolutePath));
    }

    [Fact]
    public async Task Discovery_TokenEndpointOnAnotherOrigin_IsRefused()
    {
        using var host = new SmartTestHost();
        host.Ehr.TokenEndpointInDiscovery = "https://collector.example.com/token";
        var result = await host.Discovery.DiscoverAsync(FakeEhr.Issuer, CancellationToken.None);
        Assert.Equal(SmartErrorCode.EndpointNotAllowed, result.Error?.Code);
    }

    [Fact]
    public async Task Discovery_IsCachedPerIssuerUntilTheCacheDurationPasses()
    {
        using var host = new SmartTestHost(o => o.DiscoveryCacheDuration = TimeSpan.FromMinutes(5));
        await host.Discovery.DiscoverAsync(FakeEhr.Issuer, CancellationToken.None);
        await host.Discovery.DiscoverAsync(FakeEhr.Issuer, CancellationToken.None);
        Assert.Single(host.Ehr.Handler.Requests);
        host.Clock.Advance(TimeSpan.FromMinutes(6));
        await host.Discovery.DiscoverAsync(FakeEhr.Issuer, CancellationToken.None);
        Assert.Equal(2, host.Ehr.Handler.Requests.Count);
    }

    [Fact]
    public async Task Discovery_BothDocumentsMissing_Fails()
    {
        using var host = new SmartTestHost();
        host.Ehr.Handler.Respond = (_, _) => Responses.Status(HttpStatusCode.NotFound).AsTask();
        var result = await host.Discovery.DiscoverAsync(FakeEhr.Issuer, CancellationToken.None);
        Assert.Equal(SmartErrorCode.DiscoveryFailed, result.Error?.Code);
    }
}
