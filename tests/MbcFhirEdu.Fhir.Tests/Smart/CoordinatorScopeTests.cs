using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Fhir.Tests.Support;

namespace MbcFhirEdu.Fhir.Tests.Smart;

/// <summary>The coordinator's chart launch: user-level reads plus Communication create, in v2 or v1 syntax.</summary>
public sealed class CoordinatorScopeTests
{
    [Fact]
    public void V2Server_GetsUserRsScopesAndCommunicationCru() =>
        Assert.Equal(
            ["launch", "openid", "fhirUser", "user/Patient.rs", "user/Condition.rs", "user/Observation.rs", "user/DiagnosticReport.rs", "user/Communication.cru", "user/Practitioner.rs"],
            SmartScopes.Build(SmartLaunchMode.CoordinatorEhrLaunch, v2: true, []));

    [Fact]
    public void V1Server_GetsReadAndWriteScopes() =>
        Assert.Equal(
            ["launch", "openid", "fhirUser", "user/Patient.read", "user/Condition.read", "user/Observation.read", "user/DiagnosticReport.read", "user/Communication.read", "user/Communication.write", "user/Practitioner.read"],
            SmartScopes.Build(SmartLaunchMode.CoordinatorEhrLaunch, v2: false, []));

    [Fact]
    public async Task CoordinatorLaunch_NeedsTheEhrsLaunchParameter_AndSendsIt()
    {
        using var host = new SmartTestHost();
        var missing = await host.Authorizer.BeginAsync(FakeEhr.Issuer, null, SmartTestHost.Browser, SmartLaunchMode.CoordinatorEhrLaunch, CancellationToken.None);
        Assert.False(missing.Succeeded);
        Assert.Equal(SmartErrorCode.InvalidRequest, missing.Error.Code);

        var begun = await host.Authorizer.BeginAsync(FakeEhr.Issuer, "launch-77", SmartTestHost.Browser, SmartLaunchMode.CoordinatorEhrLaunch, CancellationToken.None);
        Assert.True(begun.Succeeded);
        var query = System.Web.HttpUtility.ParseQueryString(begun.AuthorizeUrl.Query);
        Assert.Equal("launch-77", query["launch"]);
        Assert.Contains("user/Communication", query["scope"]);
    }
}
