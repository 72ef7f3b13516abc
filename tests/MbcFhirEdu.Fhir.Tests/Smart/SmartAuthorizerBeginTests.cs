using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Web;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Fhir.Tests.Support;

namespace MbcFhirEdu.Fhir.Tests.Smart;

public sealed class SmartAuthorizerBeginTests
{
    [Fact]
    public async Task Begin_UnknownIssuer_FailsAndSendsNothing()
    {
        using var host = new SmartTestHost();
        var result = await host.BeginAsync(SmartLaunchMode.EhrLaunch, iss: "https://evil.example.com/fhir");
        Assert.False(result.Succeeded);
        Assert.Equal(SmartErrorCode.UnknownIssuer, result.Error.Code);
        Assert.Empty(host.Ehr.Handler.Requests);
    }

    [Fact]
    public async Task Begin_EhrLaunch_AuthorizeUrlCarriesEverySmartParameter()
    {
        using var host = new SmartTestHost();
        var result = await host.BeginAsync(SmartLaunchMode.EhrLaunch, launch: "xyz-launch");
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.StartsWith(FakeEhr.AuthorizeEndpoint.AbsoluteUri + "?", result.AuthorizeUrl.AbsoluteUri);
        var q = HttpUtility.ParseQueryString(result.AuthorizeUrl.Query);
        Assert.Equal("code", q["response_type"]);
        Assert.Equal(FakeEhr.ClientId, q["client_id"]);
        Assert.Equal(SmartTestHost.RedirectUri, q["redirect_uri"]);
        Assert.Equal("xyz-launch", q["launch"]);
        Assert.Equal(FakeEhr.Issuer, q["aud"]);
        Assert.Equal("S256", q["code_challenge_method"]);
        Assert.Equal(result.State.State, q["state"]);
        Assert.Equal(result.State.Nonce, q["nonce"]);
        Assert.Equal("launch openid fhirUser patient/Patient.rs patient/Condition.rs patient/Observation.rs patient/DiagnosticReport.rs", q["scope"]);
    }

    [Fact]
    public async Task Begin_PkceChallenge_IsBase64UrlSha256OfTheVerifier()
    {
        using var host = new SmartTestHost();
        var result = await host.BeginAsync();
        var verifier = result.State!.CodeVerifier;
        var expected = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        Assert.Equal(expected, HttpUtility.ParseQueryString(result.AuthorizeUrl!.Query)["code_challenge"]);
        Assert.InRange(verifier.Length, 43, 128);
    }

    [Fact]
    public async Task Begin_State_HasAtLeast128RandomBitsAndDiffersEachTime()
    {
        using var host = new SmartTestHost();
        var first = (await host.BeginAsync()).State!.State;
        var second = (await host.BeginAsync()).State!.State;
        Assert.True(Base64Url.DecodeFromChars(first).Length >= 16);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Begin_ServerWithoutPermissionV2_FallsBackToV1Scopes()
    {
        using var host = new SmartTestHost();
        host.Ehr.Capabilities.Remove("permission-v2");
        var result = await host.BeginAsync();
        Assert.False(result.State!.ScopesV2);
        Assert.Equal(["launch/patient", "openid", "fhirUser", "patient/Patient.read", "patient/Condition.read", "patient/Observation.read", "patient/DiagnosticReport.read"], result.State.RequestedScopes);
    }

    [Fact]
    public async Task Begin_StandalonePractitioner_AsksUserScopesAndAPatientPicker()
    {
        using var host = new SmartTestHost(o => o.Scopes = ["offline_access"]);
        var result = await host.BeginAsync(SmartLaunchMode.StandalonePractitioner);
        Assert.Equal(["launch/patient", "openid", "fhirUser", "user/Patient.rs", "user/Condition.rs", "user/Observation.rs", "user/DiagnosticReport.rs", "offline_access"], result.State!.RequestedScopes);
        Assert.Null(HttpUtility.ParseQueryString(result.AuthorizeUrl!.Query)["launch"]);
    }

    [Fact]
    public async Task Begin_EhrLaunchWithoutLaunchId_FailsAndSendsNothing()
    {
        using var host = new SmartTestHost();
        var result = await host.Authorizer.BeginAsync(FakeEhr.Issuer, null, SmartTestHost.Browser, SmartLaunchMode.EhrLaunch, CancellationToken.None);
        Assert.Equal(SmartErrorCode.InvalidRequest, result.Error?.Code);
        Assert.Empty(host.Ehr.Handler.Requests);
    }

    [Fact]
    public async Task Begin_ServerWithoutS256_IsRefused()
    {
        using var host = new SmartTestHost();
        host.Ehr.CodeChallengeMethods = ["plain"];
        var result = await host.BeginAsync();
        Assert.Equal(SmartErrorCode.PkceUnsupported, result.Error?.Code);
    }
}
