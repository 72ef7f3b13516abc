using System.Net;
using System.Web;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Fhir.Tests.Support;

namespace MbcFhirEdu.Fhir.Tests.Smart;

public sealed class SmartAuthorizerCompleteTests
{
    [Fact]
    public async Task Complete_PublicClient_StoresASessionWithTheLaunchContext()
    {
        using var host = new SmartTestHost();
        var result = await host.LaunchAsync();
        Assert.True(result.Succeeded, result.Error?.Message);
        var session = result.Session;
        Assert.Equal("p1", session.PatientId);
        Assert.Equal("Patient/p1", session.FhirUser);
        Assert.True(session.NeedPatientBanner);
        Assert.Equal("https://ehr.example.org/smart-style.json", session.SmartStyleUrl);
        Assert.Equal("access-1", session.AccessToken);
        Assert.Equal("refresh-1", session.RefreshToken);
        Assert.Empty(session.DegradedScopes);
        Assert.Same(session, await host.Sessions.GetAsync(result.SessionId, CancellationToken.None));
        Assert.DoesNotContain("access-1", session.ToString());

        var token = Assert.Single(host.Ehr.Handler.To("/auth/token"));
        var form = HttpUtility.ParseQueryString(token.Body!);
        Assert.Equal("authorization_code", form["grant_type"]);
        Assert.Equal(FakeEhr.ClientId, form["client_id"]);
        Assert.Equal(SmartTestHost.RedirectUri, form["redirect_uri"]);
        Assert.False(string.IsNullOrEmpty(form["code_verifier"]));
        Assert.Null(token.Authorization);
    }

    [Fact]
    public async Task Complete_WithTheCallersSessionKey_StoresTheSessionUnderThatKeyOnly()
    {
        using var host = new SmartTestHost();
        var begun = await host.BeginAsync();
        var code = host.Ehr.Authorize(begun.AuthorizeUrl!);
        const string key = "a-key-the-web-app-derived-for-one-launch";

        var result = await host.Authorizer.CompleteAsync(code, begun.State!.State, SmartTestHost.Browser, key, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(key, result.SessionId);
        Assert.Same(result.Session, await host.Sessions.GetAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Complete_WithAGuessableSessionKey_Throws_AndSpendsNothing()
    {
        using var host = new SmartTestHost();
        var begun = await host.BeginAsync();
        var code = host.Ehr.Authorize(begun.AuthorizeUrl!);

        await Assert.ThrowsAsync<ArgumentException>(() => host.Authorizer.CompleteAsync(code, begun.State!.State, SmartTestHost.Browser, "short", CancellationToken.None));

        Assert.Empty(host.Ehr.Handler.To("/auth/token"));
        Assert.True((await host.Authorizer.CompleteAsync(code, begun.State!.State, SmartTestHost.Browser, CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task Complete_SameStateTwice_RejectsTheReplay()
    {
        using var host = new SmartTestHost();
        var begun = await host.BeginAsync();
        var code = host.Ehr.Authorize(begun.AuthorizeUrl!);
        Assert.True((await host.Authorizer.CompleteAsync(code, begun.State!.State, SmartTestHost.Browser, CancellationToken.None)).Succeeded);
        var replay = await host.Authorizer.CompleteAsync(code, begun.State.State, SmartTestHost.Browser, CancellationToken.None);
        Assert.Equal(SmartErrorCode.StateReplayed, replay.Error?.Code);
        Assert.Single(host.Ehr.Handler.To("/auth/token"));
    }

    [Fact]
    public async Task Complete_AfterTheStateLifetime_RejectsTheStateWithoutCallingTheServer()
    {
        using var host = new SmartTestHost();
        var begun = await host.BeginAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var result = await host.Authorizer.CompleteAsync("code", begun.State!.State, SmartTestHost.Browser, CancellationToken.None);
        Assert.Equal(SmartErrorCode.StateExpired, result.Error?.Code);
        Assert.Empty(host.Ehr.Handler.To("/auth/token"));
    }

    [Fact]
    public async Task Complete_FromAnotherBrowser_IsRejectedAndTheStateIsSpent()
    {
        using var host = new SmartTestHost();
        var begun = await host.BeginAsync();
        var result = await host.Authorizer.CompleteAsync("code", begun.State!.State, "another-browser-binding-0000", CancellationToken.None);
        Assert.Equal(SmartErrorCode.BrowserMismatch, result.Error?.Code);
        Assert.Empty(host.Ehr.Handler.To("/auth/token"));
        var retry = await host.Authorizer.CompleteAsync("code", begun.State.State, SmartTestHost.Browser, CancellationToken.None);
        Assert.Equal(SmartErrorCode.StateReplayed, retry.Error?.Code);
    }

    [Fact]
    public async Task Complete_UnknownState_IsRejectedWithoutAnyRequest()
    {
        using var host = new SmartTestHost();
        var result = await host.Authorizer.CompleteAsync("code", "made-up-state", SmartTestHost.Browser, CancellationToken.None);
        Assert.Equal(SmartErrorCode.StateUnknown, result.Error?.Code);
        Assert.Empty(host.Ehr.Handler.Requests);
    }

    [Fact]
    public async Task Complete_TokenEndpointRefuses_ReturnsTheServersErrorText()
    {
        using var host = new SmartTestHost();
        host.Ehr.TokenOverride = _ => Responses.Json(new { error = "invalid_grant", error_description = "Code expired" }, HttpStatusCode.BadRequest);
        var result = await host.LaunchAsync();
        Assert.Equal(SmartErrorCode.TokenError, result.Error?.Code);
        Assert.Contains("invalid_grant: Code expired", result.Error!.Message);
    }

    [Fact]
    public async Task Complete_GrantWithoutObservationRead_SucceedsWithADegradedMessage()
    {
        using var host = new SmartTestHost();
        host.Ehr.GrantedScope = "launch/patient openid fhirUser patient/Patient.rs patient/Condition.rs patient/DiagnosticReport.rs";
        var result = await host.LaunchAsync();
        Assert.True(result.Succeeded, result.Error?.Message);
        var message = Assert.Single(result.Session.DegradedScopes);
        Assert.Contains("(Observation)", message);
    }

    [Fact]
    public async Task Complete_ObservationGrantNarrowedByCategory_SaysOnlyPartWasShared()
    {
        using var host = new SmartTestHost();
        host.Ehr.GrantedScope = "launch/patient openid fhirUser patient/Patient.rs patient/Condition.rs patient/Observation.rs?category=laboratory patient/DiagnosticReport.rs";
        var result = await host.LaunchAsync();
        Assert.Contains("only part", Assert.Single(result.Session!.DegradedScopes));
    }

    [Fact]
    public async Task Complete_V1WildcardGrant_CoversEveryResource()
    {
        using var host = new SmartTestHost();
        host.Ehr.GrantedScope = "launch/patient openid fhirUser patient/*.read";
        var result = await host.LaunchAsync();
        Assert.Empty(result.Session!.DegradedScopes);
    }

    [Fact]
    public async Task Complete_PatientLaunchWithoutPatientContext_Fails()
    {
        using var host = new SmartTestHost();
        host.Ehr.PatientId = null;
        var result = await host.LaunchAsync();
        Assert.Equal(SmartErrorCode.MissingPatientContext, result.Error?.Code);
    }

    [Fact]
    public async Task Complete_PractitionerLaunchWithoutPatient_StillSucceeds()
    {
        using var host = new SmartTestHost();
        host.Ehr.PatientId = null;
        host.Ehr.FhirUser = "Practitioner/dr-1";
        var result = await host.LaunchAsync(SmartLaunchMode.StandalonePractitioner);
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.True(result.Session.IsPractitioner);
        Assert.Null(result.Session.PatientId);
    }

    [Fact]
    public async Task Complete_PatientIdThatIsNotAFhirId_IsRefused()
    {
        using var host = new SmartTestHost();
        host.Ehr.PatientId = "../Practitioner/1";
        var result = await host.LaunchAsync();
        Assert.Equal(SmartErrorCode.TokenError, result.Error?.Code);
    }

    [Fact]
    public async Task Complete_TokenEndpointThatNeverAnswers_FailsAtTheSmartCallDeadline()
    {
        using var host = new SmartTestHost(o => o.SmartCallDeadline = TimeSpan.FromSeconds(10));
        var begun = await host.BeginAsync();
        var code = host.Ehr.Authorize(begun.AuthorizeUrl!);
        var ehr = host.Ehr.Handler.Respond;
        host.Ehr.Handler.Respond = async (request, ct) =>
        {
            if (request.RequestUri!.AbsolutePath == "/auth/token") await Task.Delay(Timeout.Infinite, ct);
            return await ehr(request, ct);
        };
        var completing = host.Authorizer.CompleteAsync(code, begun.State!.State, SmartTestHost.Browser, CancellationToken.None);
        await WaitUntilAsync(() => host.Ehr.Handler.To("/auth/token").Count == 1);
        host.Clock.Advance(TimeSpan.FromSeconds(11));
        var result = await completing.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(SmartErrorCode.TokenError, result.Error?.Code);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 400 && !condition(); i++) await Task.Delay(25);
        Assert.True(condition());
    }
}
