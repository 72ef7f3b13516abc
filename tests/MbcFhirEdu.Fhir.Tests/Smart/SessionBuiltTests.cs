using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Fhir.Tests.Support;

namespace MbcFhirEdu.Fhir.Tests.Smart;

/// <summary>
/// The first page's reads start once a launch's session is built, before the store has saved it, with the token the
/// launch was just given (<see cref="NewSessionTokenSource"/>).
/// </summary>
public sealed class SessionBuiltTests
{
    private const string Key = "a-key-the-web-app-derived-for-one-launch";

    [Fact]
    public async Task Complete_CallsSessionBuilt_BeforeTheSessionIsSaved()
    {
        using var host = new SmartTestHost();
        var begun = await host.BeginAsync();
        var code = host.Ehr.Authorize(begun.AuthorizeUrl!);
        SmartSession? built = null;
        SmartSession? storedWhenBuilt = null;

        var result = await host.Authorizer.CompleteAsync(code, begun.State!.State, SmartTestHost.Browser, Key, login: null, session =>
        {
            built = session;
            storedWhenBuilt = host.Sessions.GetAsync(Key, CancellationToken.None).GetAwaiter().GetResult();
        }, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Same(result.Session, built);
        Assert.Null(storedWhenBuilt);
        Assert.Same(result.Session, await host.Sessions.GetAsync(Key, CancellationToken.None));
    }

    [Fact]
    public async Task Complete_ThatFailsItsChecks_NeverCallsSessionBuilt()
    {
        using var host = new SmartTestHost();
        var begun = await host.BeginAsync();
        var code = host.Ehr.Authorize(begun.AuthorizeUrl!);
        var called = false;

        var result = await host.Authorizer.CompleteAsync(code, begun.State!.State, "another-browser-0123456789abcdef", Key, login: null,
            _ => called = true, CancellationToken.None);

        Assert.Equal(SmartErrorCode.BrowserMismatch, result.Error?.Code);
        Assert.False(called);
    }

    [Fact]
    public async Task NewSessionToken_IsTheLaunchsOwnToken_WithoutReadingTheStore()
    {
        using var host = new SmartTestHost();
        var launched = await host.LaunchAsync();
        Assert.True(launched.Succeeded, launched.Error?.Message);
        var session = launched.Session;
        var source = new NewSessionTokenSource(session, host.Tokens, host.Options.TokenRefreshMargin, host.Clock);

        // The id names no stored session: the stored source would answer "session not found".
        var token = await source.GetAccessTokenAsync("not-saved-yet-0123456789abcdef", CancellationToken.None);

        Assert.Equal(session.AccessToken, token.AccessToken);
    }

    [Fact]
    public async Task NewSessionToken_NearExpiry_IsLeftToTheStoredSessionsRefresh()
    {
        using var host = new SmartTestHost();
        var launched = await host.LaunchAsync();
        Assert.True(launched.Succeeded, launched.Error?.Message);
        var source = new NewSessionTokenSource(launched.Session, host.Tokens, host.Options.TokenRefreshMargin, host.Clock);
        host.Clock.Advance(TimeSpan.FromSeconds(3600 - 59));

        var token = await source.GetAccessTokenAsync(launched.SessionId, CancellationToken.None);

        Assert.Equal("access-2", token.AccessToken);
        Assert.Equal("refresh-2", (await host.Sessions.GetAsync(launched.SessionId, CancellationToken.None))!.RefreshToken);
    }

    [Fact]
    public async Task NewSessionToken_RefusedWith401_IsRefreshedThroughTheStoredSession()
    {
        using var host = new SmartTestHost();
        var launched = await host.LaunchAsync();
        Assert.True(launched.Succeeded, launched.Error?.Message);
        var source = new NewSessionTokenSource(launched.Session, host.Tokens, host.Options.TokenRefreshMargin, host.Clock);

        var token = await source.OnUnauthorizedAsync(launched.SessionId, launched.Session.AccessToken, CancellationToken.None);

        Assert.Equal("access-2", token.AccessToken);
    }
}
