using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Fhir.Tests.Support;

namespace MbcFhirEdu.Fhir.Tests.Smart;

public sealed class IdTokenValidationTests
{
    [Fact]
    public async Task IdToken_SignedByTheServerWithTheRightClaims_IsAcceptedAndGivesFhirUser()
    {
        using var host = new SmartTestHost();
        host.Ehr.FhirUser = "Practitioner/dr-9";
        var result = await host.LaunchAsync(SmartLaunchMode.EhrLaunch);
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal("Practitioner/dr-9", result.Session.FhirUser);
        Assert.Single(host.Ehr.Handler.To("/auth/jwks"));
    }

    [Fact]
    public async Task IdToken_WithAnotherNonce_IsRejected()
    {
        using var host = new SmartTestHost();
        host.Ehr.IdTokenNonce = "someone-elses-nonce";
        var result = await host.LaunchAsync();
        Assert.Equal(SmartErrorCode.IdTokenInvalid, result.Error?.Code);
        Assert.Contains("nonce", result.Error!.Message);
    }

    [Fact]
    public async Task IdToken_ForAnotherAudience_IsRejected()
    {
        using var host = new SmartTestHost();
        host.Ehr.IdTokenAudience = "another-app";
        var result = await host.LaunchAsync();
        Assert.Equal(SmartErrorCode.IdTokenInvalid, result.Error?.Code);
        Assert.Contains("audience", result.Error!.Message);
    }

    [Fact]
    public async Task IdToken_AlreadyExpired_IsRejected()
    {
        using var host = new SmartTestHost();
        host.Ehr.IdTokenLifetime = TimeSpan.FromMinutes(-5);
        var result = await host.LaunchAsync();
        Assert.Equal(SmartErrorCode.IdTokenInvalid, result.Error?.Code);
        Assert.Contains("expired", result.Error!.Message);
    }

    [Fact]
    public async Task IdToken_SignedByAnotherKeyUnderTheSameKid_IsRejected()
    {
        using var host = new SmartTestHost();
        host.Ehr.IdTokenSigner = TestKeys.Other();
        var result = await host.LaunchAsync();
        Assert.Equal(SmartErrorCode.IdTokenInvalid, result.Error?.Code);
        Assert.Contains("signature", result.Error!.Message);
    }

    [Fact]
    public async Task IdToken_MissingAlthoughOpenidWasGranted_IsRejected()
    {
        using var host = new SmartTestHost();
        host.Ehr.IssueIdToken = false;
        var result = await host.LaunchAsync();
        Assert.Equal(SmartErrorCode.IdTokenInvalid, result.Error?.Code);
    }
}
