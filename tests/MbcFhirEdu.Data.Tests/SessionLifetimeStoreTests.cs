using MbcFhirEdu.Data.Smart;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Tests.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MbcFhirEdu.Data.Tests;

/// <summary>
/// Sessions owned by a browser in the database store: a login moves the browser's sessions to its new key, the idle
/// and absolute lifetimes, the purge of expired rows, the per-browser bound and logout. Each "process" is its own
/// service provider on the same database (a replica). Run on SQLite and PostgreSQL.
/// </summary>
public abstract class SessionLifetimeStoreTests(TestDatabase database)
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    private ServiceProvider NewProcess(TimeProvider time, int maxPerBrowser = 5) => database.BuildServices(services =>
    {
        services.AddSingleton(time);
        services.AddDataProtection().SetApplicationName("MbcFhirEdu").PersistKeysToDbContext<MbcEduDbContext>();
        services.Configure<SmartClientOptions>(o =>
        {
            o.SessionIdleLifetime = Idle;
            o.MaxSessionsPerBrowser = maxPerBrowser;
        });
        services.AddSingleton<ITokenSessionStore, DbTokenSessionStore>();
    });

    private static string NewKey() => Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray())
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static SmartSession NewSession(DateTimeOffset now, TimeSpan lifetime, string patient = "pt-1") => new()
    {
        Issuer = new Uri("http://localhost/sandbox/fhir"),
        TokenEndpoint = new Uri("http://localhost/sandbox/auth/token"),
        Mode = SmartLaunchMode.EhrLaunch,
        AccessToken = "access-" + Guid.NewGuid().ToString("N"),
        AccessTokenExpiresAt = now.AddHours(1),
        GrantedScopes = ["launch"],
        PatientId = patient,
        CreatedAt = now,
        ExpiresAt = now + lifetime,
    };

    private async Task<bool> RowExistsAsync(string sessionId)
    {
        await using var db = await database.CreateFactory().CreateDbContextAsync();
        return await db.TokenSessions.AnyAsync(s => s.IdHash == DbTokenSessionStore.Hash(sessionId));
    }

    [Fact]
    public async Task A_login_moves_the_browsers_sessions_to_its_new_key_and_the_old_key_then_finds_nothing()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = NewProcess(clock);
        await using var b = NewProcess(clock);
        var (first, second) = (NewKey(), NewKey());
        var (oldKey, newKey) = (NewKey(), NewKey());
        var storeA = a.GetRequiredService<ITokenSessionStore>();
        var storeB = b.GetRequiredService<ITokenSessionStore>();
        await storeA.StartAsync(first, NewSession(clock.GetUtcNow(), TimeSpan.FromHours(8), "pt-first"), new BrowserLogin(oldKey, null), CancellationToken.None);
        Assert.Equal("pt-first", (await storeB.GetForBrowserAsync(first, oldKey, CancellationToken.None))?.PatientId);

        clock.Advance(TimeSpan.FromSeconds(1));
        await storeA.StartAsync(second, NewSession(clock.GetUtcNow(), TimeSpan.FromHours(8), "pt-second"), new BrowserLogin(newKey, oldKey), CancellationToken.None);

        Assert.Null(await storeB.GetForBrowserAsync(first, oldKey, CancellationToken.None));
        Assert.Null(await storeB.GetForBrowserAsync(second, oldKey, CancellationToken.None));
        Assert.Equal("pt-first", (await storeB.GetForBrowserAsync(first, newKey, CancellationToken.None))?.PatientId);
        Assert.Equal("pt-second", (await storeB.GetForBrowserAsync(second, newKey, CancellationToken.None))?.PatientId);
        Assert.Null(await storeB.GetForBrowserAsync(first, NewKey(), CancellationToken.None));
    }

    [Fact]
    public async Task A_presented_key_the_store_never_issued_moves_nothing_and_owns_nothing()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = NewProcess(clock);
        var store = a.GetRequiredService<ITokenSessionStore>();
        var (planted, issued, session) = (NewKey(), NewKey(), NewKey());

        await store.StartAsync(session, NewSession(clock.GetUtcNow(), TimeSpan.FromHours(8)), new BrowserLogin(issued, planted), CancellationToken.None);

        Assert.Null(await store.GetForBrowserAsync(session, planted, CancellationToken.None));
        Assert.NotNull(await store.GetForBrowserAsync(session, issued, CancellationToken.None));
        Assert.Equal(0, await store.EndBrowserAsync(planted, CancellationToken.None));
    }

    [Fact]
    public async Task An_unused_session_ends_after_the_idle_lifetime_and_each_use_slides_it()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = NewProcess(clock);
        await using var b = NewProcess(clock);
        var (used, unused, key, other) = (NewKey(), NewKey(), NewKey(), NewKey());
        await a.GetRequiredService<ITokenSessionStore>().StartAsync(used, NewSession(clock.GetUtcNow(), TimeSpan.FromHours(8)), new BrowserLogin(key, null), CancellationToken.None);
        await a.GetRequiredService<ITokenSessionStore>().StartAsync(unused, NewSession(clock.GetUtcNow(), TimeSpan.FromHours(8)), new BrowserLogin(other, null), CancellationToken.None);
        var store = b.GetRequiredService<ITokenSessionStore>();

        var plainReads = new List<bool>();
        for (var use = 0; use < 3; use++)
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            Assert.NotNull(await store.GetForBrowserAsync(used, key, CancellationToken.None));
            // A read without a browser (the token provider, the outbox) is not a use: it does not keep the session alive.
            plainReads.Add(await store.GetAsync(unused, CancellationToken.None) is not null);
        }
        Assert.Equal([true, false, false], plainReads);
        Assert.Null(await store.GetForBrowserAsync(unused, other, CancellationToken.None));

        clock.Advance(Idle + TimeSpan.FromSeconds(1));
        Assert.Null(await store.GetForBrowserAsync(used, key, CancellationToken.None));
        Assert.Null(await store.GetAsync(used, CancellationToken.None));
        Assert.False(await RowExistsAsync(used));
    }

    [Fact]
    public async Task A_session_in_use_still_ends_at_its_absolute_lifetime()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = NewProcess(clock);
        var store = a.GetRequiredService<ITokenSessionStore>();
        var (session, key) = (NewKey(), NewKey());
        await store.StartAsync(session, NewSession(clock.GetUtcNow(), TimeSpan.FromHours(1)), new BrowserLogin(key, null), CancellationToken.None);

        clock.Advance(TimeSpan.FromMinutes(25));
        Assert.NotNull(await store.GetForBrowserAsync(session, key, CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(25));
        Assert.NotNull(await store.GetForBrowserAsync(session, key, CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(11));

        Assert.Null(await store.GetForBrowserAsync(session, key, CancellationToken.None));
    }

    [Fact]
    public async Task Expired_rows_are_purged_without_being_read()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = NewProcess(clock);
        await using var b = NewProcess(clock);
        var (idle, old) = (NewKey(), NewKey());
        await a.GetRequiredService<ITokenSessionStore>().StartAsync(idle, NewSession(clock.GetUtcNow(), TimeSpan.FromHours(8)), new BrowserLogin(NewKey(), null), CancellationToken.None);
        await a.GetRequiredService<ITokenSessionStore>().SaveAsync(old, NewSession(clock.GetUtcNow(), TimeSpan.FromMinutes(10)), CancellationToken.None);
        Assert.True(await RowExistsAsync(idle));

        clock.Advance(Idle + TimeSpan.FromMinutes(1));
        await b.GetRequiredService<ITokenSessionStore>().StartAsync(NewKey(), NewSession(clock.GetUtcNow(), TimeSpan.FromHours(8)), new BrowserLogin(NewKey(), null), CancellationToken.None);

        Assert.False(await RowExistsAsync(idle));
        Assert.False(await RowExistsAsync(old));
    }

    [Fact]
    public async Task Beyond_the_per_browser_bound_the_oldest_session_ends_first()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = NewProcess(clock, maxPerBrowser: 2);
        var store = a.GetRequiredService<ITokenSessionStore>();
        var sessions = new[] { NewKey(), NewKey(), NewKey() };
        var (neighbour, neighbourKey) = (NewKey(), NewKey());
        await store.StartAsync(neighbour, NewSession(clock.GetUtcNow(), TimeSpan.FromHours(8)), new BrowserLogin(neighbourKey, null), CancellationToken.None);
        string? key = null;
        foreach (var session in sessions)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            var next = NewKey();
            await store.StartAsync(session, NewSession(clock.GetUtcNow(), TimeSpan.FromHours(8)), new BrowserLogin(next, key), CancellationToken.None);
            key = next;
        }

        Assert.False(await RowExistsAsync(sessions[0]));
        Assert.NotNull(await store.GetForBrowserAsync(sessions[1], key!, CancellationToken.None));
        Assert.NotNull(await store.GetForBrowserAsync(sessions[2], key!, CancellationToken.None));
        Assert.NotNull(await store.GetForBrowserAsync(neighbour, neighbourKey, CancellationToken.None));
    }

    [Fact]
    public async Task Ending_a_browser_deletes_every_session_of_it_on_every_process_and_no_other()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = NewProcess(clock);
        await using var b = NewProcess(clock);
        var storeA = a.GetRequiredService<ITokenSessionStore>();
        var (first, second, neighbour) = (NewKey(), NewKey(), NewKey());
        var (oldKey, key, neighbourKey) = (NewKey(), NewKey(), NewKey());
        await storeA.StartAsync(first, NewSession(clock.GetUtcNow(), TimeSpan.FromHours(8)), new BrowserLogin(oldKey, null), CancellationToken.None);
        await storeA.StartAsync(second, NewSession(clock.GetUtcNow(), TimeSpan.FromHours(8)), new BrowserLogin(key, oldKey), CancellationToken.None);
        await storeA.StartAsync(neighbour, NewSession(clock.GetUtcNow(), TimeSpan.FromHours(8)), new BrowserLogin(neighbourKey, null), CancellationToken.None);

        Assert.Equal(0, await b.GetRequiredService<ITokenSessionStore>().EndBrowserAsync(oldKey, CancellationToken.None));
        Assert.Equal(2, await b.GetRequiredService<ITokenSessionStore>().EndBrowserAsync(key, CancellationToken.None));

        Assert.False(await RowExistsAsync(first));
        Assert.False(await RowExistsAsync(second));
        Assert.Null(await storeA.GetAsync(second, CancellationToken.None));
        Assert.NotNull(await storeA.GetForBrowserAsync(neighbour, neighbourKey, CancellationToken.None));
    }
}

public sealed class SqliteSessionLifetimeStoreTests(SqliteTestDatabase database) : SessionLifetimeStoreTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresSessionLifetimeStoreTests(PostgresTestDatabase database) : SessionLifetimeStoreTests(database), IClassFixture<PostgresTestDatabase>;
