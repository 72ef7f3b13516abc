using MbcFhirEdu.Data;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests.Persistence;

/// <summary>The second CI pass really runs the app on PostgreSQL: each factory gets its own database, dropped afterwards.</summary>
public sealed class TestDatabaseSelectionTests
{
    [Fact]
    public async Task Every_factory_uses_the_provider_MBCEDU_TEST_DATABASE_names_with_a_database_of_its_own()
    {
        string? first;
        await using (var a = new WebAppFactory())
        await using (var b = new WebAppFactory())
        {
            await using var dbA = await a.Services.GetRequiredService<IDbContextFactory<MbcEduDbContext>>().CreateDbContextAsync();
            await using var dbB = await b.Services.GetRequiredService<IDbContextFactory<MbcEduDbContext>>().CreateDbContextAsync();
            Assert.Equal(WebAppFactory.UsesPostgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", dbA.Database.ProviderName);
            first = dbA.Database.GetConnectionString();
            Assert.NotEqual(first, dbB.Database.GetConnectionString());
            // Migrated at start: the tables exist.
            Assert.Equal(0, await dbA.Deliveries.CountAsync());
        }
        if (!WebAppFactory.UsesPostgres) return;
        // Dropped on dispose.
        var cluster = await MbcFhirEdu.Tests.Shared.PostgresCluster.SharedAsync();
        await using var admin = new Npgsql.NpgsqlConnection(cluster.AdminConnectionString);
        await admin.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin);
        command.Parameters.AddWithValue("name", new Npgsql.NpgsqlConnectionStringBuilder(first).Database!);
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }
}
