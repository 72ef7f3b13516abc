using MbcFhirEdu.Data.CdsHooks;
using MbcFhirEdu.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MbcFhirEdu.Data.Tests;

/// <summary>
/// Issue 6/7: the CDS Hooks jti replay store and feedback store in the database, each "replica" being its own service
/// provider over the same database (own context factory and store instances). Run on SQLite and PostgreSQL.
/// </summary>
public abstract class CdsStoreTests(TestDatabase database)
{
    private const string Issuer = "https://ehr.example.org/cds-client";

    // The web app's defaults (CdsHooks:ReplayStoreCapacity, FeedbackStoreCapacity, ClockSkew).
    private static readonly CdsStoreLimits Defaults = new(100_000, 10_000, TimeSpan.FromSeconds(30));

    private ServiceProvider NewReplica(TimeProvider? time = null, CdsStoreLimits? limits = null) => database.BuildServices(services =>
    {
        if (time is not null) services.AddSingleton(time);
        services.AddSingleton(limits ?? Defaults);
        services.AddMbcEduStores();
    });

    private static string NewJti() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_jti_is_accepted_once_and_its_replay_refused()
    {
        await using var replica = NewReplica();
        var store = replica.GetRequiredService<ICdsJtiStore>();
        var jti = NewJti();
        var exp = DateTimeOffset.UtcNow.AddMinutes(5);

        Assert.True(await store.TryRecordAsync(Issuer, jti, exp, CancellationToken.None));
        Assert.False(await store.TryRecordAsync(Issuer, jti, exp, CancellationToken.None));
        // The same jti from another client is another token.
        Assert.True(await store.TryRecordAsync(Issuer + "/other", jti, exp, CancellationToken.None));
        // Over-long values are refused without touching the database.
        Assert.False(await store.TryRecordAsync(Issuer, new string('j', MbcEduDbContext.MaxJtiLength + 1), exp, CancellationToken.None));
    }

    [Fact]
    public async Task A_jti_accepted_by_one_replica_is_refused_by_another()
    {
        await using var a = NewReplica();
        await using var b = NewReplica();
        var jti = NewJti();
        var exp = DateTimeOffset.UtcNow.AddMinutes(5);

        Assert.True(await a.GetRequiredService<ICdsJtiStore>().TryRecordAsync(Issuer, jti, exp, CancellationToken.None));
        Assert.False(await b.GetRequiredService<ICdsJtiStore>().TryRecordAsync(Issuer, jti, exp, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_inserts_of_one_jti_on_two_replicas_accept_exactly_one()
    {
        await using var a = NewReplica();
        await using var b = NewReplica();
        var stores = new[] { a.GetRequiredService<ICdsJtiStore>(), b.GetRequiredService<ICdsJtiStore>() };
        var exp = DateTimeOffset.UtcNow.AddMinutes(5);
        // Warm both (the first call of a replica also sweeps), so the racing calls are plain inserts.
        foreach (var s in stores) Assert.True(await s.TryRecordAsync(Issuer, NewJti(), exp, CancellationToken.None));

        for (var round = 0; round < 5; round++)
        {
            var jti = NewJti();
            using var go = new ManualResetEventSlim();
            var racers = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
            {
                go.Wait();
                return await stores[i % 2].TryRecordAsync(Issuer, jti, exp, CancellationToken.None);
            })).ToArray();
            go.Set();
            var results = await Task.WhenAll(racers);
            Assert.Equal(1, results.Count(accepted => accepted));
        }
    }

    [Fact]
    public async Task Expired_jtis_are_purged_in_batches_and_live_ones_kept()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var replica = NewReplica(clock, Defaults with { ClockSkew = TimeSpan.FromSeconds(30) });
        var store = (DbCdsJtiStore)replica.GetRequiredService<ICdsJtiStore>();
        var factory = replica.GetRequiredService<IDbContextFactory<MbcEduDbContext>>();
        var issuer = Issuer + "/" + NewJti(); // this test's own rows
        var expired = Enumerable.Range(0, DbCdsJtiStore.PurgeBatchSize + 5).Select(_ => NewJti()).ToList();
        var live = NewJti();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var now = clock.GetUtcNow().ToUniversalTime();
            db.CdsJtis.AddRange(expired.Select(j => new Data.Entities.CdsJtiRecord
            {
                KeyHash = DbCdsJtiStore.KeyHash(issuer, j), Issuer = issuer, Jti = j, ExpiresAt = now.AddMinutes(1), RecordedAt = now,
            }));
            await db.SaveChangesAsync();
        }
        Assert.True(await store.TryRecordAsync(issuer, live, clock.GetUtcNow().AddMinutes(10), CancellationToken.None));

        // Past expiry but inside the skew: nothing goes.
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(10));
        Assert.Equal(0, await store.SweepAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(30));
        var deleted = await store.SweepAsync(CancellationToken.None);

        Assert.True(deleted >= expired.Count, $"expected at least {expired.Count} purged (more than one batch), got {deleted}");
        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.Equal([live], await db.CdsJtis.Where(j => j.Issuer == issuer).Select(j => j.Jti).ToListAsync());
        }
        // The live jti is still refused after the sweep; a purged one may be recorded again.
        Assert.False(await store.TryRecordAsync(issuer, live, clock.GetUtcNow().AddMinutes(10), CancellationToken.None));
        Assert.True(await store.TryRecordAsync(issuer, expired[0], clock.GetUtcNow().AddMinutes(5), CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_calls_on_one_replica_each_learn_whether_their_own_jti_was_new()
    {
        await using var replica = NewReplica();
        var store = replica.GetRequiredService<ICdsJtiStore>();
        var factory = replica.GetRequiredService<IDbContextFactory<MbcEduDbContext>>();
        var issuer = Issuer + "/" + NewJti(); // this test's own rows
        var exp = DateTimeOffset.UtcNow.AddMinutes(5);
        var seen = NewJti();
        Assert.True(await store.TryRecordAsync(issuer, seen, exp, CancellationToken.None));

        // 64 calls at once (they share inserts): 40 new jtis, the one seen above 8 times, one new jti 16 times.
        var fresh = Enumerable.Range(0, 40).Select(_ => NewJti()).ToList();
        var twice = NewJti();
        var jtis = fresh.Concat(Enumerable.Repeat(seen, 8)).Concat(Enumerable.Repeat(twice, 16)).ToList();
        using var go = new ManualResetEventSlim();
        var calls = jtis.Select(jti => Task.Run(async () =>
        {
            go.Wait();
            return (Jti: jti, Accepted: await store.TryRecordAsync(issuer, jti, exp, CancellationToken.None));
        })).ToArray();
        go.Set();
        var results = await Task.WhenAll(calls);

        Assert.All(results.Where(r => fresh.Contains(r.Jti)), r => Assert.True(r.Accepted));
        Assert.All(results.Where(r => r.Jti == seen), r => Assert.False(r.Accepted));
        Assert.Equal(1, results.Count(r => r.Jti == twice && r.Accepted));
        await using var db = await factory.CreateDbContextAsync();
        var stored = await db.CdsJtis.Where(j => j.Issuer == issuer).ToListAsync();
        Assert.Equal(fresh.Append(seen).Append(twice).Order(), stored.Select(j => j.Jti).Order());
        // Stored with the key the unique constraint works on, and the expiry the sweep reads (to the database's precision).
        Assert.All(stored, j => Assert.Equal(DbCdsJtiStore.KeyHash(issuer, j.Jti), j.KeyHash));
        Assert.All(stored, j => Assert.True((j.ExpiresAt - exp).Duration() < TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public async Task A_full_replay_table_refuses_new_tokens()
    {
        await using var replica = NewReplica(limits: Defaults with { ReplayCapacity = 16 });
        var factory = replica.GetRequiredService<IDbContextFactory<MbcEduDbContext>>();
        var issuer = Issuer + "/" + NewJti();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var now = DateTimeOffset.UtcNow;
            db.CdsJtis.AddRange(Enumerable.Range(0, 16).Select(_ => NewJti()).Select(j => new Data.Entities.CdsJtiRecord
            {
                KeyHash = DbCdsJtiStore.KeyHash(issuer, j), Issuer = issuer, Jti = j, ExpiresAt = now.AddMinutes(5), RecordedAt = now,
            }));
            await db.SaveChangesAsync();
        }

        Assert.False(await replica.GetRequiredService<ICdsJtiStore>().TryRecordAsync(issuer, NewJti(), DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None));
    }

    [Fact]
    public async Task Feedback_stored_by_one_replica_is_read_by_another_with_every_field()
    {
        await using var a = NewReplica();
        await using var b = NewReplica();
        var card = NewJti();
        var stamp = new DateTimeOffset(2026, 12, 3, 10, 15, 30, TimeSpan.Zero);
        var received = stamp.AddSeconds(2);
        var feedback = new CdsFeedbackRecord("mbc-education", card, "overridden", ["s1", "s2"], "not-relevant",
            "http://example.org/reasons", "Already discussed", stamp, Issuer, received);

        await a.GetRequiredService<ICdsFeedbackStore>().AddAsync(feedback, CancellationToken.None);
        var stored = Assert.Single(await b.GetRequiredService<ICdsFeedbackStore>().RecentAsync(1, CancellationToken.None));

        Assert.Equal(feedback with { AcceptedSuggestions = [] }, stored with { AcceptedSuggestions = [] });
        Assert.Equal(["s1", "s2"], stored.AcceptedSuggestions);
    }

    [Fact]
    public async Task Feedback_texts_are_cut_to_their_bounds_and_the_oldest_rows_trimmed_beyond_capacity()
    {
        await using var replica = NewReplica(limits: Defaults with { FeedbackCapacity = 16 });
        var store = (DbCdsFeedbackStore)replica.GetRequiredService<ICdsFeedbackStore>();
        var now = DateTimeOffset.UtcNow;
        var cards = Enumerable.Range(0, 20).Select(i => $"card-{i:00}-{NewJti()}").ToList();
        foreach (var card in cards)
            await store.AddAsync(new CdsFeedbackRecord("mbc-education", card, "accepted", [], null, null, new string('c', 5000), now, null, now), CancellationToken.None);

        await store.TrimAsync(CancellationToken.None);
        var kept = await store.RecentAsync(100, CancellationToken.None);

        Assert.Equal(cards.TakeLast(16), kept.Select(k => k.Card));
        Assert.All(kept, k => Assert.Equal(MbcEduDbContext.MaxFeedbackCommentLength, k.UserComment!.Length));
    }
}

// Each fixture is a database of its own: the trim and capacity tests count every row.
public sealed class SqliteCdsStoreTests(SqliteTestDatabase database) : CdsStoreTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresCdsStoreTests(PostgresTestDatabase database) : CdsStoreTests(database), IClassFixture<PostgresTestDatabase>;
