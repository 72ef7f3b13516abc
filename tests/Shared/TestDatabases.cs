using MbcFhirEdu.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MbcFhirEdu.Tests.Shared;

/// <summary>
/// One migrated database for one test class (an xunit class fixture). The abstract test suites take a
/// <see cref="TestDatabase"/>; each has a SQLite and a PostgreSQL subclass, so the same tests run on both.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    public abstract DatabaseProvider Provider { get; }

    public string ConnectionString { get; protected set; } = "";

    /// <summary>Configuration that points the web app (or <c>AddMbcEduData</c>) at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:MbcEdu"] = ConnectionString,
        ["Database:MigrateOnStartup"] = "true",
    };

    /// <summary>A fresh service provider's context factory over this database, as another process would have.</summary>
    public IDbContextFactory<MbcEduDbContext> CreateFactory() =>
        BuildServices().GetRequiredService<IDbContextFactory<MbcEduDbContext>>();

    public ServiceProvider BuildServices(Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddMbcEduData(Path.GetTempPath());
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public virtual async Task InitializeAsync()
    {
        await CreateAsync();
        await using var services = BuildServices();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
    }

    public abstract Task DisposeAsync();

    protected abstract Task CreateAsync();
}

/// <summary>A SQLite file in the temp directory, deleted afterwards.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private string _path = "";

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task CreateAsync()
    {
        _path = Path.Combine(Path.GetTempPath(), $"mbcedu-test-{Guid.NewGuid():N}.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = _path, Pooling = true, DefaultTimeout = 60 }.ToString();
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try { File.Delete(_path + suffix); }
            catch (IOException) { }
        }
        return Task.CompletedTask;
    }
}

/// <summary>A database of its own on the shared private PostgreSQL server (<see cref="PostgresCluster"/>), dropped afterwards.</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private PostgresCluster? _cluster;

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;

    protected override async Task CreateAsync()
    {
        _cluster = await PostgresCluster.SharedAsync();
        ConnectionString = await _cluster.CreateDatabaseAsync("mbcedu_test");
    }

    public override async Task DisposeAsync()
    {
        if (_cluster is not null && ConnectionString.Length > 0) await _cluster.DropDatabaseAsync(ConnectionString);
    }
}
