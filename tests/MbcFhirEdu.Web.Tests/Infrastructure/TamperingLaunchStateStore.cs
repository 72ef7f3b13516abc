using MbcFhirEdu.Fhir.Smart;

namespace MbcFhirEdu.Web.Tests.Infrastructure;

/// <summary>Hands back every taken launch state with another PKCE verifier, as if an attacker swapped it.</summary>
public sealed class TamperingLaunchStateStore(TimeProvider timeProvider) : ILaunchStateStore
{
    private readonly InMemoryLaunchStateStore _inner = new(timeProvider);

    public Task SaveAsync(LaunchState state, CancellationToken cancellationToken) => _inner.SaveAsync(state, cancellationToken);

    public async Task<LaunchStateTake> TakeAsync(string state, CancellationToken cancellationToken)
    {
        var taken = await _inner.TakeAsync(state, cancellationToken);
        return taken.State is null ? taken : taken with { State = taken.State with { CodeVerifier = new string('x', 43) } };
    }
}
