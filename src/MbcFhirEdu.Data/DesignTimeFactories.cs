using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MbcFhirEdu.Data;

// Used only by `dotnet ef migrations add`: the connection strings are never opened when generating migrations.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMbcEduDbContext>
{
    public SqliteMbcEduDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteMbcEduDbContext>();
        DataServiceCollectionExtensions.ConfigureSqlite(builder, "Data Source=design-time.db");
        return new SqliteMbcEduDbContext(builder.Options);
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMbcEduDbContext>
{
    public PostgresMbcEduDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresMbcEduDbContext>();
        DataServiceCollectionExtensions.ConfigurePostgres(builder, "Host=127.0.0.1;Database=design_time");
        return new PostgresMbcEduDbContext(builder.Options);
    }
}
