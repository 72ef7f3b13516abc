using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MbcFhirEdu.Data;

/// <summary>Registers <see cref="MbcEduDbContext"/> for the configured provider.</summary>
public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDbContextFactory{MbcEduDbContext}"/> (the stores use it), a scoped
    /// <see cref="MbcEduDbContext"/> (Data Protection's key store uses it), <see cref="DatabaseOptions"/> and
    /// <see cref="DatabaseMigrator"/>. <c>Database</c> and <c>ConnectionStrings:MbcEdu</c> are read from the container's
    /// <see cref="IConfiguration"/> when first needed, so configuration added late (tests, hosting) is honoured.
    /// </summary>
    public static IServiceCollection AddMbcEduData(this IServiceCollection services, string contentRootPath)
    {
        services.TryAddSingleton(sp => DatabaseSettings.From(sp.GetRequiredService<IConfiguration>(), contentRootPath));
        services.TryAddSingleton(sp => sp.GetRequiredService<DatabaseSettings>().Options);
        services.TryAddSingleton<IDbContextFactory<MbcEduDbContext>>(sp =>
            new ContextFactory(sp.GetRequiredService<DatabaseSettings>(), sp.GetService<ILoggerFactory>()));
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<MbcEduDbContext>>().CreateDbContext());
        services.TryAddSingleton<DatabaseMigrator>();
        return services;
    }

    /// <summary>The provider and connection string in effect.</summary>
    public sealed record DatabaseSettings(DatabaseOptions Options, string ConnectionString)
    {
        public static DatabaseSettings From(IConfiguration configuration, string contentRootPath)
        {
            var options = new DatabaseOptions();
            try { configuration.GetSection(DatabaseOptions.SectionName).Bind(options); }
            catch (InvalidOperationException e) { throw new InvalidOperationException("The Database configuration section is not valid: " + e.Message, e); }
            var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
            if (options.Provider == DatabaseProvider.PostgreSQL)
            {
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException("Database:Provider is PostgreSQL but ConnectionStrings:MbcEdu is not set.");
                ValidatePostgres(connectionString);
                return new DatabaseSettings(options, connectionString);
            }
            return new DatabaseSettings(options, SqliteConnectionString(connectionString, options.SqlitePath, contentRootPath));
        }

        // The connection string can hold a password: never print it.
        public override string ToString() => $"DatabaseSettings {{ Provider = {Options.Provider} }}";
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable("__ef_migrations_history")).AddInterceptors(SqliteConnectionSetup.Instance);

    public static void ConfigurePostgres(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__ef_migrations_history").EnableRetryOnFailure(3));

    /// <summary>The SQLite connection string: the configured one, else a file under the content root (directory created).</summary>
    public static string SqliteConnectionString(string? configured, string path, string contentRootPath)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(contentRootPath, path));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    private static void ValidatePostgres(string connectionString)
    {
        try { _ = new NpgsqlConnectionStringBuilder(connectionString); }
        catch (ArgumentException e) { throw new InvalidOperationException("ConnectionStrings:MbcEdu is not a valid PostgreSQL connection string: " + e.Message); }
    }

    // Pooled (EF Core's DbContext pooling): a disposed context goes back to the pool, reset, and the next one reuses it
    // with its internal services instead of building them again (about 0.3 ms of CPU per context, measured on the CDS
    // call's two writes; docs/performance.md). The contexts keep no state of their own, which pooling requires.
    private sealed class ContextFactory : IDbContextFactory<MbcEduDbContext>
    {
        private readonly Func<MbcEduDbContext> _create;

        public ContextFactory(DatabaseSettings settings, ILoggerFactory? loggerFactory)
        {
            if (settings.Options.Provider == DatabaseProvider.PostgreSQL)
            {
                var builder = new DbContextOptionsBuilder<PostgresMbcEduDbContext>();
                ConfigurePostgres(builder, settings.ConnectionString);
                if (loggerFactory is not null) builder.UseLoggerFactory(loggerFactory);
                _create = new PooledDbContextFactory<PostgresMbcEduDbContext>(builder.Options).CreateDbContext;
            }
            else
            {
                var builder = new DbContextOptionsBuilder<SqliteMbcEduDbContext>();
                ConfigureSqlite(builder, settings.ConnectionString);
                if (loggerFactory is not null) builder.UseLoggerFactory(loggerFactory);
                _create = new PooledDbContextFactory<SqliteMbcEduDbContext>(builder.Options).CreateDbContext;
            }
        }

        public MbcEduDbContext CreateDbContext() => _create();
    }
}
