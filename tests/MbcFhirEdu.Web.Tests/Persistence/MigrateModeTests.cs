using System.Diagnostics;
using MbcFhirEdu.Data;
using MbcFhirEdu.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MbcFhirEdu.Web.Tests.Persistence;

/// <summary>
/// <c>MbcFhirEdu.Web.dll --migrate</c> (what the Kubernetes migration Job runs): migrates an empty PostgreSQL database
/// and exits 0 without starting the web server; a missing connection string exits 1 with a clear message.
/// </summary>
public sealed class MigrateModeTests
{
    [Fact]
    public async Task Migrate_mode_migrates_an_empty_PostgreSQL_database_and_exits()
    {
        var cluster = await PostgresCluster.SharedAsync();
        var connectionString = await cluster.CreateDatabaseAsync("mbcedu_migrate");
        try
        {
            var (exitCode, output) = await RunWebAsync(new Dictionary<string, string>
            {
                ["Database__Provider"] = "PostgreSQL",
                ["ConnectionStrings__MbcEdu"] = connectionString,
            });
            Assert.True(exitCode == 0, output);
            var options = new DbContextOptionsBuilder<PostgresMbcEduDbContext>();
            DataServiceCollectionExtensions.ConfigurePostgres(options, connectionString);
            await using var db = new PostgresMbcEduDbContext(options.Options);
            // Every migration of the model, applied from an empty database.
            Assert.Contains($"migrated: {db.Database.GetMigrations().Count()} migration(s) applied", output, StringComparison.Ordinal);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(0, await db.Deliveries.CountAsync());
            Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(connectionString).Password!, output, StringComparison.Ordinal);
        }
        finally
        {
            await cluster.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Migrate_mode_without_a_PostgreSQL_connection_string_fails_with_a_clear_message()
    {
        var (exitCode, output) = await RunWebAsync(new Dictionary<string, string> { ["Database__Provider"] = "PostgreSQL", ["ConnectionStrings__MbcEdu"] = "" });
        Assert.Equal(1, exitCode);
        Assert.Contains("ConnectionStrings:MbcEdu is not set", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal); // no stack trace
    }

    private static async Task<(int ExitCode, string Output)> RunWebAsync(IReadOnlyDictionary<string, string> environment)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "MbcFhirEdu.Web.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--migrate");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var result = await BoundedProcess.RunAsync(start, TimeSpan.FromMinutes(2));
        if (result.TimedOut) Assert.Fail("--migrate did not exit within 2 minutes");
        return (result.ExitCode, result.Output);
    }
}
