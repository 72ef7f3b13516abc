using System.Net;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Fhir.Tests.Support;

namespace MbcFhirEdu.Fhir.Tests.Http;

/// <summary>The FHIR client with the real token provider: a 401 leads to exactly one refresh and one resend.</summary>
public sealed class UnauthorizedRetryTests
{
    private static async Task<(SmartTestHost Smart, FhirTestHost Fhir, string SessionId)> LaunchedAsync()
    {
        var smart = new SmartTestHost();
        var launched = await smart.LaunchAsync();
        Assert.True(launched.Succeeded, launched.Error?.Message);
        var fhir = new FhirTestHost(tokens: smart.Tokens);
        return (smart, fhir, launched.SessionId);
    }

    [Fact]
    public async Task Unauthorized_RefreshesOnceAndRetriesWithTheNewToken()
    {
        var (smart, fhir, sessionId) = await LaunchedAsync();
        using var _ = smart;
        using var __ = fhir;
        fhir.Server.Respond = (request, _) => (request.Headers.Authorization?.Parameter == "access-2"
            ? Responses.Fhir(new { resourceType = "Patient", id = "p1" })
            : Responses.Status(HttpStatusCode.Unauthorized)).AsTask();

        var result = await fhir.Client.ReadAsync(new FhirConnection(new Uri(FakeEhr.Issuer), sessionId), "Patient", "p1", null, CancellationToken.None);

        Assert.True(result.Succeeded, result.Problem?.Message);
        Assert.Equal(["Bearer access-1", "Bearer access-2"], fhir.Server.Requests.Select(r => r.Authorization));
        Assert.Equal(2, smart.Ehr.Handler.To("/auth/token").Count);
    }

    [Fact]
    public async Task UnauthorizedAgainAfterTheRefresh_GivesUpWithAProblem()
    {
        var (smart, fhir, sessionId) = await LaunchedAsync();
        using var _ = smart;
        using var __ = fhir;
        fhir.Server.Respond = (_, _) => Responses.Status(HttpStatusCode.Unauthorized).AsTask();

        var result = await fhir.Client.ReadAsync(new FhirConnection(new Uri(FakeEhr.Issuer), sessionId), "Patient", "p1", null, CancellationToken.None);

        Assert.Equal(FhirProblemKind.Unauthorized, result.Problem?.Kind);
        Assert.Equal(2, fhir.Server.Requests.Count);
        Assert.Equal(2, smart.Ehr.Handler.To("/auth/token").Count);
    }
}
