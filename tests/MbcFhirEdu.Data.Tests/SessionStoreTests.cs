using System.Text;
using MbcFhirEdu.Data.Smart;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Tests.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Data.Tests;

/// <summary>
/// The database-backed launch-state and token-session stores, each "process" being its own service provider (own
/// context factory, own Data Protection instance, keys shared through the database). Run on SQLite and PostgreSQL.
/// </summary>
public abstract class SessionStoreTests(TestDatabase database)
{
    private ServiceProvider NewProcess(TimeProvider? time = null) => database.BuildServices(services =>
    {
        if (time is not null) services.AddSingleton(time);
        services.AddDataProtection().SetApplicationName("MbcFhirEdu").PersistKeysToDbContext<MbcEduDbContext>();
        services.AddSingleton<ILaunchStateStore, DbLaunchStateStore>();
        services.AddSingleton<ITokenSessionStore, DbTokenSessionStore>();
    });

    private static LaunchState NewLaunch(DateTimeOffset now, TimeSpan life) => new()
    {
        State = WebCookiesValue(),
        CodeVerifier = WebCookiesValue() + "-verifier",
        Nonce = WebCookiesValue(),
        Issuer = new Uri("http://localhost/sandbox/fhir"),
        Mode = SmartLaunchMode.EhrLaunch,
        AuthorizationEndpoint = new Uri("http://localhost/sandbox/auth/authorize"),
        TokenEndpoint = new Uri("http://localhost/sandbox/auth/token"),
        RequestedScopes = ["launch", "openid", "fhirUser"],
        ScopesV2 = true,
        CreatedAt = now,
        ExpiresAt = now + life,
        BrowserBindingHash = "binding-hash",
    };

    private static string WebCookiesValue() => Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public async Task A_launch_state_is_taken_exactly_once_across_two_processes()
    {
        await using var a = NewProcess();
        await using var b = NewProcess();
        var launch = NewLaunch(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10));
        await a.GetRequiredService<ILaunchStateStore>().SaveAsync(launch, CancellationToken.None);

        var stores = new[] { a.GetRequiredService<ILaunchStateStore>(), b.GetRequiredService<ILaunchStateStore>() };
        var takes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => stores[i % 2].TakeAsync(launch.State, CancellationToken.None))));

        var winner = Assert.Single(takes, t => t.Succeeded);
        Assert.Equal(19, takes.Count(t => t.Status == LaunchStateTakeStatus.AlreadyUsed));
        // Records compare lists by reference: compare the list apart.
        Assert.Equal(launch with { RequestedScopes = [] }, winner.State! with { RequestedScopes = [] });
        Assert.Equal(launch.RequestedScopes, winner.State!.RequestedScopes);
        Assert.Equal(LaunchStateTakeStatus.NotFound, (await stores[1].TakeAsync("no-such-state", CancellationToken.None)).Status);
    }

    [Fact]
    public async Task An_expired_launch_state_is_refused_and_its_secrets_are_not_stored_in_clear()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = NewProcess(clock);
        var launch = NewLaunch(clock.GetUtcNow(), TimeSpan.FromMinutes(10));
        await a.GetRequiredService<ILaunchStateStore>().SaveAsync(launch, CancellationToken.None);

        await using (var db = await database.CreateFactory().CreateDbContextAsync())
        {
            var row = await db.LaunchStates.SingleAsync(s => s.State == launch.State);
            Assert.DoesNotContain(launch.CodeVerifier, row.ProtectedPayload, StringComparison.Ordinal);
            Assert.DoesNotContain(launch.Nonce, row.ProtectedPayload, StringComparison.Ordinal);
        }
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(LaunchStateTakeStatus.Expired, (await a.GetRequiredService<ILaunchStateStore>().TakeAsync(launch.State, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task A_token_session_round_trips_between_processes_with_tokens_encrypted_at_rest()
    {
        await using var a = NewProcess();
        await using var b = NewProcess();
        var now = DateTimeOffset.UtcNow;
        var sessionId = WebCookiesValue();
        var session = new SmartSession
        {
            Issuer = new Uri("http://localhost/sandbox/fhir"),
            TokenEndpoint = new Uri("http://localhost/sandbox/auth/token"),
            Mode = SmartLaunchMode.EhrLaunch,
            AccessToken = "access-" + Guid.NewGuid().ToString("N"),
            AccessTokenExpiresAt = now.AddMinutes(5),
            RefreshToken = "refresh-" + Guid.NewGuid().ToString("N"),
            GrantedScopes = ["launch", "user/Patient.rs", "user/Communication.c"],
            PatientId = "pt-" + Guid.NewGuid().ToString("N")[..10],
            FhirUser = "Practitioner/onc-halloway",
            NeedPatientBanner = true,
            DegradedScopes = ["Lab results were not shared."],
            CreatedAt = now,
            ExpiresAt = now.AddHours(1),
        };
        await a.GetRequiredService<ITokenSessionStore>().SaveAsync(sessionId, session, CancellationToken.None);

        var read = await b.GetRequiredService<ITokenSessionStore>().GetAsync(sessionId, CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal(session.AccessToken, read.AccessToken);
        Assert.Equal(session.RefreshToken, read.RefreshToken);
        Assert.Equal(session.GrantedScopes, read.GrantedScopes);
        Assert.Equal(session.DegradedScopes, read.DegradedScopes);
        Assert.Equal(session.PatientId, read.PatientId);
        Assert.Equal(session.ExpiresAt, read.ExpiresAt);

        await using (var db = await database.CreateFactory().CreateDbContextAsync())
        {
            var row = await db.TokenSessions.SingleAsync(s => s.IdHash == DbTokenSessionStore.Hash(sessionId));
            var raw = row.ProtectedPayload + row.IdHash;
            Assert.DoesNotContain(session.AccessToken, raw, StringComparison.Ordinal);
            Assert.DoesNotContain(session.RefreshToken, raw, StringComparison.Ordinal);
            Assert.DoesNotContain(session.PatientId, raw, StringComparison.Ordinal);
            Assert.DoesNotContain(sessionId, raw, StringComparison.Ordinal);
            Assert.False(await db.TokenSessions.AnyAsync(s => s.IdHash == sessionId));
        }

        // A refresh (save again) replaces the row; removal ends the session everywhere.
        await b.GetRequiredService<ITokenSessionStore>().SaveAsync(sessionId, session with { AccessToken = "rotated" }, CancellationToken.None);
        Assert.Equal("rotated", (await a.GetRequiredService<ITokenSessionStore>().GetAsync(sessionId, CancellationToken.None))!.AccessToken);
        await a.GetRequiredService<ITokenSessionStore>().RemoveAsync(sessionId, CancellationToken.None);
        Assert.Null(await b.GetRequiredService<ITokenSessionStore>().GetAsync(sessionId, CancellationToken.None));
    }

    [Fact]
    public async Task An_expired_session_is_gone_and_a_payload_from_another_key_ring_is_not_accepted()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = NewProcess(clock);
        var sessionId = WebCookiesValue();
        var now = clock.GetUtcNow();
        await a.GetRequiredService<ITokenSessionStore>().SaveAsync(sessionId, new SmartSession
        {
            Issuer = new Uri("http://localhost/sandbox/fhir"), TokenEndpoint = new Uri("http://localhost/sandbox/auth/token"),
            Mode = SmartLaunchMode.StandalonePatient, AccessToken = "a", AccessTokenExpiresAt = now.AddMinutes(1), GrantedScopes = [],
            CreatedAt = now, ExpiresAt = now.AddMinutes(30),
        }, CancellationToken.None);

        // A process with its own, unrelated keys (not the shared key ring) cannot read the row.
        await using var stranger = database.BuildServices(services =>
        {
            services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
            services.AddSingleton<ITokenSessionStore, DbTokenSessionStore>();
        });
        Assert.Null(await stranger.GetRequiredService<ITokenSessionStore>().GetAsync(sessionId, CancellationToken.None));

        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Null(await a.GetRequiredService<ITokenSessionStore>().GetAsync(sessionId, CancellationToken.None));
        await using var db = await database.CreateFactory().CreateDbContextAsync();
        Assert.False(await db.TokenSessions.AnyAsync(s => s.IdHash == DbTokenSessionStore.Hash(sessionId)));
    }

    [Fact]
    public async Task Data_protection_keys_are_kept_in_the_database_and_shared()
    {
        await using var a = NewProcess();
        await using var b = NewProcess();
        var secret = "shared-" + Guid.NewGuid();
        var protectedText = a.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect(secret);
        Assert.Equal(secret, b.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
        await using var db = await database.CreateFactory().CreateDbContextAsync();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
        Assert.DoesNotContain(secret, Encoding.UTF8.GetString(Convert.FromBase64String(Base64(protectedText))), StringComparison.Ordinal);
    }

    private static string Base64(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
    }
}

public sealed class SqliteSessionStoreTests(SqliteTestDatabase database) : SessionStoreTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresSessionStoreTests(PostgresTestDatabase database) : SessionStoreTests(database), IClassFixture<PostgresTestDatabase>;
