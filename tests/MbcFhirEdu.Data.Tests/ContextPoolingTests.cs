using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace MbcFhirEdu.Data.Tests;

/// <summary>
/// Issue 16: the context factory pools its contexts (a disposed context is reused instead of built again), and a reused
/// context starts clean: nothing tracked from its last use, and a write made through it is its own.
/// </summary>
public abstract class ContextPoolingTests(TestDatabase database)
{
    [Fact]
    public async Task A_disposed_context_is_reused_and_carries_nothing_tracked_from_its_last_use()
    {
        var factory = database.CreateFactory();
        var patient = "pool-" + Guid.NewGuid().ToString("N")[..12];
        MbcEduDbContext first;
        await using (first = await factory.CreateDbContextAsync())
        {
            first.AuditEvents.Add(new AuditRecord { Time = DateTimeOffset.UtcNow, Action = "test.pool", Outcome = "success", PatientId = patient });
            Assert.Single(first.ChangeTracker.Entries());
        }

        await using var second = await factory.CreateDbContextAsync();

        Assert.Same(first, second);
        Assert.Empty(second.ChangeTracker.Entries());
        await second.SaveChangesAsync();
        Assert.Equal(0, await second.AuditEvents.CountAsync(a => a.PatientId == patient));
    }
}

public sealed class SqliteContextPoolingTests(SqliteTestDatabase database) : ContextPoolingTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresContextPoolingTests(PostgresTestDatabase database) : ContextPoolingTests(database), IClassFixture<PostgresTestDatabase>;
