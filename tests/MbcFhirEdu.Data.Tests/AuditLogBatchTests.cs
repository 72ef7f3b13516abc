using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Data.Tests;

/// <summary>
/// Issue 16: audit rows are written in batches (group commit). Every write that completed is committed exactly once,
/// with the time it was made, however many callers write at once; a batch that fails fails its callers.
/// </summary>
public abstract class AuditLogBatchTests(TestDatabase database)
{
    [Fact]
    public async Task Two_hundred_concurrent_writes_each_complete_with_their_row_committed_once()
    {
        var log = new AuditLog(database.CreateFactory(), TimeProvider.System);
        var patient = "batch-" + Guid.NewGuid().ToString("N")[..12];
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            log.WriteAsync(new AuditEntry(AuditActions.CdsPatientView, true, "Practitioner/p" + i, null, patient), CancellationToken.None))));

        await using var db = await database.CreateFactory().CreateDbContextAsync();
        var actors = await db.AuditEvents.Where(a => a.PatientId == patient).Select(a => a.Actor).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 200).Select(i => "Practitioner/p" + i).Order(), actors.Order());
        Assert.All(await db.AuditEvents.Where(a => a.PatientId == patient).Select(a => a.Time).ToListAsync(), t => Assert.True(t >= before));
    }
}

public sealed class SqliteAuditLogBatchTests(SqliteTestDatabase database) : AuditLogBatchTests(database), IClassFixture<SqliteTestDatabase>
{
    [Fact]
    public async Task A_write_whose_batch_cannot_be_committed_fails_its_caller()
    {
        // A database without the schema: the insert fails, and the caller learns it (TryWriteAsync logs it).
        var empty = Path.Combine(Path.GetTempPath(), $"mbcedu-audit-noschema-{Guid.NewGuid():N}.db");
        try
        {
            var settings = new Dictionary<string, string?> { ["ConnectionStrings:MbcEdu"] = "Data Source=" + empty };
            await using var services = new ServiceCollection()
                .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
                .AddMbcEduData(Path.GetTempPath()).BuildServiceProvider();
            var factory = services.GetRequiredService<IDbContextFactory<MbcEduDbContext>>();
            var log = new AuditLog(factory, TimeProvider.System);

            await Assert.ThrowsAnyAsync<DbUpdateException>(() => log.WriteAsync(new AuditEntry(AuditActions.PatientRead, true, null, null, "p"), CancellationToken.None));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(empty);
        }
    }
}

public sealed class PostgresAuditLogBatchTests(PostgresTestDatabase database) : AuditLogBatchTests(database), IClassFixture<PostgresTestDatabase>;
