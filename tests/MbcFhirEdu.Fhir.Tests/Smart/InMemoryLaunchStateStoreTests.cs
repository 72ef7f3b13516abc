using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Fhir.Tests.Support;

namespace MbcFhirEdu.Fhir.Tests.Smart;

public sealed class InMemoryLaunchStateStoreTests
{
    private static LaunchState State(FakeTimeProvider clock, string state) => new()
    {
        State = state,
        CodeVerifier = "verifier",
        Nonce = "nonce",
        Issuer = new Uri(FakeEhr.Issuer),
        Mode = SmartLaunchMode.StandalonePatient,
        AuthorizationEndpoint = FakeEhr.AuthorizeEndpoint,
        TokenEndpoint = FakeEhr.TokenEndpoint,
        RequestedScopes = ["launch/patient"],
        CreatedAt = clock.GetUtcNow(),
        ExpiresAt = clock.GetUtcNow().AddMinutes(10),
        BrowserBindingHash = "hash",
    };

    [Fact]
    public async Task Take_RacingCallbacks_OnlyOneGetsTheState()
    {
        var clock = new FakeTimeProvider();
        var store = new InMemoryLaunchStateStore(clock);
        await store.SaveAsync(State(clock, "s1"), CancellationToken.None);
        var takes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => store.TakeAsync("s1", CancellationToken.None))));
        Assert.Single(takes, t => t.Succeeded);
        Assert.All(takes.Where(t => !t.Succeeded), t => Assert.Equal(LaunchStateTakeStatus.AlreadyUsed, t.Status));
    }

    [Fact]
    public async Task Take_ReportsUnknownAndExpiredStates()
    {
        var clock = new FakeTimeProvider();
        var store = new InMemoryLaunchStateStore(clock);
        await store.SaveAsync(State(clock, "s1"), CancellationToken.None);
        Assert.Equal(LaunchStateTakeStatus.NotFound, (await store.TakeAsync("other", CancellationToken.None)).Status);
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(LaunchStateTakeStatus.Expired, (await store.TakeAsync("s1", CancellationToken.None)).Status);
    }

    [Fact]
    public void LaunchState_ToString_HidesTheVerifierAndNonce()
    {
        var text = State(new FakeTimeProvider(), "secret-state").ToString();
        Assert.DoesNotContain("verifier", text);
        Assert.DoesNotContain("nonce", text);
        Assert.DoesNotContain("secret-state", text);
    }
}
