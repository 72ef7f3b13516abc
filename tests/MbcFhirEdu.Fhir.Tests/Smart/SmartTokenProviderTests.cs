using System.Web;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Fhir.Tests.Support;

namespace MbcFhirEdu.Fhir.Tests.Smart;

public sealed class SmartTokenProviderTests
{
    private static async Task<(SmartTestHost Host, string SessionId)> LaunchedAsync(bool refreshToken = true)
    {
        var host = new SmartTestHost();
        host.Ehr.IssueRefreshToken = refreshToken;
        var result = await host.LaunchAsync();
        Assert.True(result.Succeeded, result.Error?.Message);
        return (host, result.SessionId);
    }

    [Fact]
    public async Task Token_FarFromExpiry_IsReturnedWithoutRefreshing()
    {
        var (host, id) = await LaunchedAsync();
        using var _ = host;
        var token = await host.Tokens.GetAccessTokenAsync(id, CancellationToken.None);
        Assert.Equal("access-1", token.AccessToken);
        Assert.Single(host.Ehr.Handler.To("/auth/token"));
    }

    [Fact]
    public async Task Token_WithinSixtySecondsOfExpiry_IsRefreshedAndTheRotatedRefreshTokenKept()
    {
        var (host, id) = await LaunchedAsync();
        using var _ = host;
        host.Clock.Advance(TimeSpan.FromSeconds(3600 - 59));
        var token = await host.Tokens.GetAccessTokenAsync(id, CancellationToken.None);
        Assert.Equal("access-2", token.AccessToken);
        var refresh = HttpUtility.ParseQueryString(host.Ehr.Handler.To("/auth/token")[1].Body!);
        Assert.Equal("refresh_token", refresh["grant_type"]);
        Assert.Equal("refresh-1", refresh["refresh_token"]);
        var session = await host.Sessions.GetAsync(id, CancellationToken.None);
        Assert.Equal("refresh-2", session!.RefreshToken);
        Assert.Equal("p1", session.PatientId);
    }

    [Fact]
    public async Task Token_ConcurrentCallersNearExpiry_ShareOneRefresh()
    {
        var (host, id) = await LaunchedAsync();
        using var _ = host;
        var release = new TaskCompletionSource();
        var inner = host.Ehr.Handler.Respond;
        host.Ehr.Handler.Respond = async (request, ct) => { await release.Task.WaitAsync(ct); return await inner(request, ct); };
        host.Clock.Advance(TimeSpan.FromSeconds(3590));
        var calls = Enumerable.Range(0, 5).Select(_ => host.Tokens.GetAccessTokenAsync(id, CancellationToken.None)).ToArray();
        release.SetResult();
        var tokens = await Task.WhenAll(calls);
        Assert.All(tokens, t => Assert.Equal("access-2", t.AccessToken));
        Assert.Equal(2, host.Ehr.Handler.To("/auth/token").Count);
    }

    [Fact]
    public async Task Token_RefreshAheadOfExpiryFails_TheStillValidTokenIsUsed()
    {
        var (host, id) = await LaunchedAsync();
        using var _ = host;
        host.Ehr.TokenOverride = _ => Responses.Json(new { error = "temporarily_unavailable" }, System.Net.HttpStatusCode.ServiceUnavailable);
        host.Clock.Advance(TimeSpan.FromSeconds(3590));
        var token = await host.Tokens.GetAccessTokenAsync(id, CancellationToken.None);
        Assert.Equal("access-1", token.AccessToken);
    }

    [Fact]
    public async Task Token_ExpiredWithoutRefreshToken_EndsTheSession()
    {
        var (host, id) = await LaunchedAsync(refreshToken: false);
        using var _ = host;
        host.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var token = await host.Tokens.GetAccessTokenAsync(id, CancellationToken.None);
        Assert.Equal(SmartErrorCode.SessionExpired, token.Error?.Code);
    }

    [Fact]
    public async Task Unauthorized_RefreshesOnce_AndASecondReportOfTheSameTokenReusesTheNewOne()
    {
        var (host, id) = await LaunchedAsync();
        using var _ = host;
        var first = await host.Tokens.OnUnauthorizedAsync(id, "access-1", CancellationToken.None);
        var second = await host.Tokens.OnUnauthorizedAsync(id, "access-1", CancellationToken.None);
        Assert.Equal("access-2", first.AccessToken);
        Assert.Equal("access-2", second.AccessToken);
        Assert.Equal(2, host.Ehr.Handler.To("/auth/token").Count);
    }

    [Fact]
    public async Task Token_UnknownSession_IsNotFound()
    {
        using var host = new SmartTestHost();
        var token = await host.Tokens.GetAccessTokenAsync("no-such-session", CancellationToken.None);
        Assert.Equal(SmartErrorCode.SessionNotFound, token.Error?.Code);
    }

    [Fact]
    public async Task Session_PastItsLifetime_IsGone()
    {
        var (host, id) = await LaunchedAsync();
        using var _ = host;
        host.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromSeconds(1));
        Assert.Null(await host.Sessions.GetAsync(id, CancellationToken.None));
    }
}
