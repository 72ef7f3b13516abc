using MbcFhirEdu.Fhir.Smart;

namespace MbcFhirEdu.Fhir.Tests.Support;

/// <summary>An access-token source that always has the same token (for tests not about tokens).</summary>
public sealed class StaticTokenSource(string token = "token-1") : IAccessTokenSource
{
    private int _calls;
    public int Calls => Volatile.Read(ref _calls);
    public AccessTokenResult Result { get; set; } = AccessTokenResult.Success(token);

    public Task<AccessTokenResult> GetAccessTokenAsync(string sessionId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(Result);
    }

    public Task<AccessTokenResult> OnUnauthorizedAsync(string sessionId, string rejectedAccessToken, CancellationToken cancellationToken) =>
        Task.FromResult(AccessTokenResult.Failure(SmartErrorCode.SessionExpired, "No refresh in this test."));
}
