using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>
/// The SMART App Launch 2.2 §2.1 authorization code flow, in two calls: <see cref="BeginAsync"/> ("Obtain
/// authorization code": discovery, state, PKCE S256, scopes) and <see cref="CompleteAsync"/> ("Obtain access token":
/// state check, code exchange, id_token and scope checks). Expected failures come back as results.
/// </summary>
public sealed class SmartAuthorizer(
    SmartDiscovery discovery,
    ILaunchStateStore launchStates,
    ITokenSessionStore sessions,
    SmartTokenClient tokenClient,
    IdTokenValidator idTokenValidator,
    IOptions<SmartClientOptions> options,
    TimeProvider timeProvider,
    ILogger<SmartAuthorizer> logger)
{
    private const int MaxParameterLength = 4096;
    private const int MinBindingLength = 16;

    /// <param name="iss">The FHIR base from the launch request (EHR launch) or configuration (standalone).</param>
    /// <param name="launch">The EHR's opaque launch id; required for <see cref="SmartLaunchMode.EhrLaunch"/>.</param>
    /// <param name="browserBinding">A secret random value the browser holds in an HttpOnly cookie; the callback must present it again.</param>
    public async Task<BeginLaunchResult> BeginAsync(string? iss, string? launch, string browserBinding, SmartLaunchMode mode, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(browserBinding) || browserBinding.Length is < MinBindingLength or > MaxParameterLength)
            return BeginLaunchResult.Failure(SmartErrorCode.InvalidRequest, "The browser session is missing.");
        if ((mode is SmartLaunchMode.EhrLaunch or SmartLaunchMode.CoordinatorEhrLaunch) && (string.IsNullOrEmpty(launch) || launch.Length > MaxParameterLength))
            return BeginLaunchResult.Failure(SmartErrorCode.InvalidRequest, "An EHR launch needs the EHR's launch parameter.");

        // Discovery checks iss against the allow-list before it sends anything.
        var discovered = await discovery.DiscoverAsync(iss, cancellationToken).ConfigureAwait(false);
        if (!discovered.Succeeded) return BeginLaunchResult.Failure(discovered.Error);
        var config = discovered.Configuration;
        if (!config.AllowsPkceS256) return BeginLaunchResult.Failure(SmartErrorCode.PkceUnsupported, "The server does not support PKCE S256.");

        var now = timeProvider.GetUtcNow();
        var v2 = config.SupportsPermissionV2;
        var state = new LaunchState
        {
            State = Pkce.RandomToken(32),
            CodeVerifier = Pkce.RandomToken(32),
            Nonce = Pkce.RandomToken(16),
            Issuer = config.Issuer,
            Mode = mode,
            AuthorizationEndpoint = config.AuthorizationEndpoint,
            TokenEndpoint = config.TokenEndpoint,
            JwksUri = config.JwksUri,
            OpenIdIssuer = config.OpenIdIssuer,
            RequestedScopes = SmartScopes.Build(mode, v2, options.Value.Scopes),
            ScopesV2 = v2,
            CreatedAt = now,
            ExpiresAt = now + options.Value.StateLifetime,
            BrowserBindingHash = Pkce.HashBinding(browserBinding),
        };
        await launchStates.SaveAsync(state, cancellationToken).ConfigureAwait(false);
        SmartLog.LaunchBegun(logger, mode.ToString(), v2 ? 2 : 1);
        return BeginLaunchResult.Success(AuthorizeUrl(state, mode is SmartLaunchMode.EhrLaunch or SmartLaunchMode.CoordinatorEhrLaunch ? launch : null), state);
    }

    /// <summary>Handles the redirect back from the authorization server.</summary>
    /// <param name="browserBinding">The same cookie value given to <see cref="BeginAsync"/>.</param>
    public Task<CompleteLaunchResult> CompleteAsync(string? code, string? state, string browserBinding, CancellationToken cancellationToken) =>
        CompleteAsync(code, state, browserBinding, Pkce.RandomToken(32), cancellationToken);

    /// <summary>
    /// Ends a launch the authorization server answered with an error (RFC 6749 §4.1.2.1). The state is taken, so it can
    /// never complete later; true only when this app issued it to this browser. Only then may the page show the server's
    /// error_description: anyone can send a browser to /callback?error=…&amp;error_description=… with text of their choosing.
    /// </summary>
    public async Task<bool> AbandonAsync(string? state, string browserBinding, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(state) || state.Length > MaxParameterLength || string.IsNullOrEmpty(browserBinding)) return false;
        var taken = await launchStates.TakeAsync(state, cancellationToken).ConfigureAwait(false);
        return taken.Succeeded && Pkce.FixedTimeEquals(Pkce.HashBinding(browserBinding), taken.State.BrowserBindingHash);
    }

    /// <summary>Handles the redirect back from the authorization server, saving the session under <paramref name="sessionId"/>.</summary>
    /// <param name="browserBinding">The same cookie value given to <see cref="BeginAsync"/>.</param>
    /// <param name="sessionId">
    /// The key to save the session under; the caller makes it unguessable (the web app derives one from the launch's own
    /// random context id, so several launches of one browser live side by side).
    /// </param>
    public Task<CompleteLaunchResult> CompleteAsync(string? code, string? state, string browserBinding, string sessionId, CancellationToken cancellationToken) =>
        CompleteAsync(code, state, browserBinding, sessionId, login: null, cancellationToken);

    /// <summary>
    /// Handles the redirect back from the authorization server for a browser: the session is saved as
    /// <paramref name="login"/>'s (see <see cref="ITokenSessionStore.StartAsync"/>), so it lives only while that browser
    /// uses it and ends with the browser's logout.
    /// </summary>
    public Task<CompleteLaunchResult> CompleteAsync(string? code, string? state, string browserBinding, string sessionId, BrowserLogin? login, CancellationToken cancellationToken) =>
        CompleteAsync(code, state, browserBinding, sessionId, login, sessionBuilt: null, cancellationToken);

    /// <summary>
    /// As <see cref="CompleteAsync(string?, string?, string, string, BrowserLogin?, CancellationToken)"/>, calling
    /// <paramref name="sessionBuilt"/> with the new session once every check has passed and before it is saved: work
    /// that needs only the fresh token (the first page's FHIR reads) starts then instead of after the store's write.
    /// Nothing is called for a launch that fails its checks; a save that fails afterwards still fails the launch.
    /// </summary>
    public async Task<CompleteLaunchResult> CompleteAsync(string? code, string? state, string browserBinding, string sessionId, BrowserLogin? login,
        Action<SmartSession>? sessionBuilt, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(sessionId) || sessionId.Length is < MinBindingLength or > MaxParameterLength)
            throw new ArgumentException("The session id must be an unguessable value.", nameof(sessionId));
        // The state is checked before anything else: nothing is sent anywhere for a state this app did not issue.
        if (string.IsNullOrEmpty(state) || state.Length > MaxParameterLength) return StateFailure(LaunchStateTakeStatus.NotFound);
        var taken = await launchStates.TakeAsync(state, cancellationToken).ConfigureAwait(false);
        if (!taken.Succeeded) return StateFailure(taken.Status);
        var launch = taken.State;
        if (string.IsNullOrEmpty(browserBinding) || !Pkce.FixedTimeEquals(Pkce.HashBinding(browserBinding), launch.BrowserBindingHash))
        {
            SmartLog.StateRejected(logger, "browser-mismatch");
            return CompleteLaunchResult.Failure(SmartErrorCode.BrowserMismatch, "This sign-in was started in another browser session.");
        }
        if (string.IsNullOrEmpty(code) || code.Length > MaxParameterLength)
            return CompleteLaunchResult.Failure(SmartErrorCode.InvalidRequest, "The authorization server sent no code.");

        var exchangeStarted = timeProvider.GetTimestamp();
        var token = await tokenClient.ExchangeCodeAsync(launch, code, cancellationToken).ConfigureAwait(false);
        var tokenCall = timeProvider.GetElapsedTime(exchangeStarted);
        if (!token.Succeeded) return CompleteLaunchResult.Failure(token.Error.Code, token.Error.Message) with { TokenCallElapsed = tokenCall };

        IdTokenResult? identity = null;
        if (token.Response.IdToken is { } idToken)
        {
            identity = await idTokenValidator.ValidateAsync(idToken, launch, cancellationToken).ConfigureAwait(false);
            if (!identity.Succeeded) return CompleteLaunchResult.Failure(SmartErrorCode.IdTokenInvalid, identity.Error);
        }
        else if (SmartScopes.Parse(token.Response.Scope).Contains("openid"))
        {
            return CompleteLaunchResult.Failure(SmartErrorCode.IdTokenInvalid, "The server granted openid but sent no id_token.");
        }

        var result = SessionBuilder.Build(sessionId, launch, token.Response, identity, options.Value, timeProvider.GetUtcNow()) with { TokenCallElapsed = tokenCall };
        if (!result.Succeeded) return result;
        sessionBuilt?.Invoke(result.Session);
        if (login is null) await sessions.SaveAsync(result.SessionId, result.Session, cancellationToken).ConfigureAwait(false);
        else await sessions.StartAsync(result.SessionId, result.Session, login, cancellationToken).ConfigureAwait(false);
        SmartLog.LaunchCompleted(logger, launch.Mode.ToString(), result.Session.GrantedScopes.Count, result.Session.DegradedScopes.Count);
        return result;
    }

    private CompleteLaunchResult StateFailure(LaunchStateTakeStatus status)
    {
        SmartLog.StateRejected(logger, status.ToString());
        return status switch
        {
            LaunchStateTakeStatus.AlreadyUsed => CompleteLaunchResult.Failure(SmartErrorCode.StateReplayed, "This sign-in link was already used."),
            LaunchStateTakeStatus.Expired => CompleteLaunchResult.Failure(SmartErrorCode.StateExpired, "This sign-in took too long; please start again."),
            _ => CompleteLaunchResult.Failure(SmartErrorCode.StateUnknown, "This sign-in was not started by this app."),
        };
    }

    private Uri AuthorizeUrl(LaunchState state, string? launch)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("response_type", "code"),
            new("client_id", options.Value.ClientId),
            new("redirect_uri", options.Value.RedirectUri),
            new("scope", string.Join(' ', state.RequestedScopes)),
            new("state", state.State),
            new("aud", state.Issuer.AbsoluteUri.TrimEnd('/')),
            new("code_challenge", Pkce.Challenge(state.CodeVerifier)),
            new("code_challenge_method", "S256"),
            new("nonce", state.Nonce),
        };
        if (launch is not null) parameters.Insert(3, new("launch", launch));
        var endpoint = state.AuthorizationEndpoint.AbsoluteUri;
        var query = new StringBuilder(endpoint).Append(endpoint.Contains('?') ? '&' : '?');
        query.AppendJoin('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        return new Uri(query.ToString());
    }
}
