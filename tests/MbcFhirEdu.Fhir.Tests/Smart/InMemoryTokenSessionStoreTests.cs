using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Fhir.Tests.Support;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Fhir.Tests.Smart;

/// <summary>The single-process session store keeps the same browser rules as the database one (ITokenSessionStore).</summary>
public sealed class InMemoryTokenSessionStoreTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private InMemoryTokenSessionStore NewStore(int maxPerBrowser = 5) => new(_clock, Options.Create(new SmartClientOptions
    {
        SessionIdleLifetime = TimeSpan.FromMinutes(30),
        MaxSessionsPerBrowser = maxPerBrowser,
    }));

    private SmartSession Session(string patient, TimeSpan? lifetime = null) => new()
    {
        Issuer = new Uri("https://ehr.example.org/fhir"),
        TokenEndpoint = new Uri("https://ehr.example.org/token"),
        Mode = SmartLaunchMode.EhrLaunch,
        AccessToken = "token-" + patient,
        AccessTokenExpiresAt = _clock.GetUtcNow().AddHours(1),
        GrantedScopes = [],
        PatientId = patient,
        CreatedAt = _clock.GetUtcNow(),
        ExpiresAt = _clock.GetUtcNow() + (lifetime ?? TimeSpan.FromHours(8)),
    };

    [Fact]
    public async Task A_login_moves_the_browsers_sessions_to_the_new_key_and_a_never_issued_key_moves_nothing()
    {
        var store = NewStore();
        await store.StartAsync("s1", Session("p1"), new BrowserLogin("key-1", "planted"), CancellationToken.None);
        await store.StartAsync("s2", Session("p2"), new BrowserLogin("key-2", "key-1"), CancellationToken.None);

        Assert.Null(await store.GetForBrowserAsync("s1", "key-1", CancellationToken.None));
        Assert.Null(await store.GetForBrowserAsync("s1", "planted", CancellationToken.None));
        Assert.Equal("p1", (await store.GetForBrowserAsync("s1", "key-2", CancellationToken.None))?.PatientId);
        Assert.Equal("p2", (await store.GetForBrowserAsync("s2", "key-2", CancellationToken.None))?.PatientId);
    }

    [Fact]
    public async Task Use_slides_the_idle_lifetime_up_to_the_absolute_one_and_an_unused_session_ends()
    {
        var store = NewStore();
        await store.StartAsync("used", Session("p1", TimeSpan.FromHours(1)), new BrowserLogin("key", null), CancellationToken.None);
        await store.StartAsync("unused", Session("p2"), new BrowserLogin("other", null), CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(25));
        Assert.NotNull(await store.GetForBrowserAsync("used", "key", CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(25));
        Assert.NotNull(await store.GetForBrowserAsync("used", "key", CancellationToken.None));
        Assert.Null(await store.GetAsync("unused", CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Null(await store.GetForBrowserAsync("used", "key", CancellationToken.None));
    }

    [Fact]
    public async Task The_oldest_session_ends_beyond_the_bound_and_logout_ends_the_rest_of_that_browser_only()
    {
        var store = NewStore(maxPerBrowser: 2);
        await store.StartAsync("neighbour", Session("p0"), new BrowserLogin("neighbour-key", null), CancellationToken.None);
        await store.StartAsync("s1", Session("p1"), new BrowserLogin("k1", null), CancellationToken.None);
        await store.StartAsync("s2", Session("p2"), new BrowserLogin("k2", "k1"), CancellationToken.None);
        await store.StartAsync("s3", Session("p3"), new BrowserLogin("k3", "k2"), CancellationToken.None);

        Assert.Null(await store.GetAsync("s1", CancellationToken.None));
        Assert.Equal(2, await store.EndBrowserAsync("k3", CancellationToken.None));
        Assert.Null(await store.GetAsync("s2", CancellationToken.None));
        Assert.Null(await store.GetAsync("s3", CancellationToken.None));
        Assert.NotNull(await store.GetForBrowserAsync("neighbour", "neighbour-key", CancellationToken.None));
    }
}
