using MbcFhirEdu.Data;
using MbcFhirEdu.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Data.Tests;

public sealed class MigrationModelTests
{
    [Fact]
    public void Sqlite_migrations_match_the_model()
    {
        var builder = new DbContextOptionsBuilder<SqliteMbcEduDbContext>();
        DataServiceCollectionExtensions.ConfigureSqlite(builder, "Data Source=:memory:");
        using var db = new SqliteMbcEduDbContext(builder.Options);
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed: add a SQLite migration");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void Postgres_migrations_match_the_model()
    {
        var builder = new DbContextOptionsBuilder<PostgresMbcEduDbContext>();
        DataServiceCollectionExtensions.ConfigurePostgres(builder, "Host=127.0.0.1;Database=unused");
        using var db = new PostgresMbcEduDbContext(builder.Options);
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed: add a PostgreSQL migration");
        Assert.NotEmpty(db.Database.GetMigrations());
    }
}

/// <summary>The fixture migrated an empty database; every migration is applied and every table answers.</summary>
public abstract class MigrationTests(TestDatabase database)
{
    [Fact]
    public async Task An_empty_database_is_migrated_to_the_latest_model()
    {
        await using var db = await database.CreateFactory().CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await db.LaunchStates.CountAsync());
        Assert.Equal(0, await db.TokenSessions.CountAsync());
        Assert.True(await db.Deliveries.CountAsync() >= 0);
        Assert.Equal(0, await db.DeliveryViews.CountAsync());
        Assert.True(await db.AuditEvents.CountAsync() >= 0);
        Assert.Equal(0, await db.DataProtectionKeys.CountAsync());
    }

    [Fact]
    public async Task Migrating_again_changes_nothing()
    {
        await using var services = database.BuildServices();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await using var db = await database.CreateFactory().CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }
}

public sealed class SqliteMigrationTests(SqliteTestDatabase database) : MigrationTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresMigrationTests(PostgresTestDatabase database) : MigrationTests(database), IClassFixture<PostgresTestDatabase>;
