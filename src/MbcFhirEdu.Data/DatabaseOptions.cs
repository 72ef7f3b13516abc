namespace MbcFhirEdu.Data;

public enum DatabaseProvider { Sqlite, PostgreSQL }

/// <summary>Configuration section <c>Database</c>; the connection string is <c>ConnectionStrings:MbcEdu</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "MbcEdu";

    /// <summary><c>Sqlite</c> (default, zero configuration) or <c>PostgreSQL</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The SQLite file when no connection string is given; relative paths are under the content root.</summary>
    public string SqlitePath { get; set; } = "data/mbcfhiredu.db";

    /// <summary>Apply pending migrations when the app starts. Default: true for SQLite, false for PostgreSQL
    /// (production runs <c>--migrate</c> as a separate job).</summary>
    public bool? MigrateOnStartup { get; set; }

    public bool ShouldMigrateOnStartup => MigrateOnStartup ?? Provider == DatabaseProvider.Sqlite;
}
