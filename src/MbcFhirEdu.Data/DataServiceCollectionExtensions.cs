using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace MbcFhirEdu.Data;

/// <summary>Registers <see cref="MbcEduDbContext"/> for the configured provider.</summary>
public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Reads <c>Database</c> and <c>ConnectionStrings:MbcEdu</c>. Registers <see cref="IDbContextFactory{MbcEduDbContext}"/>
    /// (the stores use it), a scoped <see cref="MbcEduDbContext"/> (Data Protection's key store uses it) and
    /// <see cref="DatabaseMigrator"/>.
    /// </summary>
    public static IServiceCollection AddMbcEduData(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        services.AddSingleton(options);
        if (options.Provider == DatabaseProvider.PostgreSQL)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("Database:Provider is PostgreSQL but ConnectionStrings:MbcEdu is not set.");
            ValidatePostgres(connectionString);
            services.AddDbContextFactory<PostgresMbcEduDbContext>(o => ConfigurePostgres(o, connectionString));
            services.TryAddSingleton<IDbContextFactory<MbcEduDbContext>, FactoryAdapter<PostgresMbcEduDbContext>>();
        }
        else
        {
            var sqlite = SqliteConnectionString(connectionString, options.SqlitePath, contentRootPath);
            services.AddDbContextFactory<SqliteMbcEduDbContext>(o => ConfigureSqlite(o, sqlite));
            services.TryAddSingleton<IDbContextFactory<MbcEduDbContext>, FactoryAdapter<SqliteMbcEduDbContext>>();
        }
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<MbcEduDbContext>>().CreateDbContext());
        services.TryAddSingleton<DatabaseMigrator>();
        return services;
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable("__ef_migrations_history"));

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

    private sealed class FactoryAdapter<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<MbcEduDbContext>
        where TContext : MbcEduDbContext
    {
        public MbcEduDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
