namespace MbcFhirEdu.Fhir.Smart;

/// <summary>
/// The access token a launch was just given, for reads that start before its session is saved (the first page's wave,
/// started at <c>/callback</c> while the store writes; see <see cref="SmartAuthorizer"/>'s <c>sessionBuilt</c>). The
/// token is used as long as the stored session's would be (outside <c>Smart:TokenRefreshMargin</c> of expiry);
/// a refresh, and the retry after a 401, go to <paramref name="stored"/>, the source of saved sessions.
/// </summary>
public sealed class NewSessionTokenSource(SmartSession session, IAccessTokenSource stored, TimeSpan refreshMargin, TimeProvider timeProvider) : IAccessTokenSource
{
    public Task<AccessTokenResult> GetAccessTokenAsync(string sessionId, CancellationToken cancellationToken) =>
        session.AccessTokenExpiresAt - refreshMargin > timeProvider.GetUtcNow()
            ? Task.FromResult(AccessTokenResult.Success(session.AccessToken))
            : stored.GetAccessTokenAsync(sessionId, cancellationToken);

    public Task<AccessTokenResult> OnUnauthorizedAsync(string sessionId, string rejectedAccessToken, CancellationToken cancellationToken) =>
        stored.OnUnauthorizedAsync(sessionId, rejectedAccessToken, cancellationToken);

    // The session holds tokens: never printed.
    public override string ToString() => nameof(NewSessionTokenSource);
}
