namespace MbcFhirEdu.Fhir.Smart;

/// <summary>Where the FHIR client gets bearer tokens; <see cref="SmartTokenProvider"/> for launched sessions.</summary>
public interface IAccessTokenSource
{
    /// <summary>A token valid for at least the refresh margin, refreshing first when needed.</summary>
    Task<AccessTokenResult> GetAccessTokenAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Called when the FHIR server answered 401 to <paramref name="rejectedAccessToken"/>: refreshes once (or returns
    /// a token another caller already refreshed to).
    /// </summary>
    Task<AccessTokenResult> OnUnauthorizedAsync(string sessionId, string rejectedAccessToken, CancellationToken cancellationToken);
}
