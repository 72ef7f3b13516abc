using MbcFhirEdu.Data;
using MbcFhirEdu.Data.Population;
using MbcFhirEdu.Fhir.Bulk;
using MbcFhirEdu.Fhir.Smart;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MbcFhirEdu.Cli;

/// <summary>
/// The services a population run needs, configured like the web app: environment variables with the web app's keys
/// (<c>BackendServices__ClientId</c>, <c>BackendServices__PrivateKey</c>, <c>BackendServices__KeyId</c>, <c>Smart__*</c>,
/// <c>BulkData__*</c>, <c>Population__*</c>, <c>Database__*</c>, <c>ConnectionStrings__MbcEdu</c>), then the command's
/// options. The <c>--fhir</c> base is the allow-list when <c>Smart:AllowedIssuers</c> is not set (an operator who types
/// the URL means it); when it is set, the base must be on it.
/// </summary>
internal static class PopulationServices
{
    /// <summary>Where the run's state goes: a PostgreSQL connection string, a SQLite file, or the configuration's database.</summary>
    public sealed record Target(string? PostgresConnection, string? SqlitePath, bool Migrate)
    {
        public override string ToString() => "Target { (connection details hidden) }"; // a connection string can hold a password
    }

    /// <param name="configure">Last changes to the services (tests wrap the Bulk Data client).</param>
    public static ServiceProvider Build(Uri fhirBase, Target target, Action<IServiceCollection>? configure = null)
    {
        var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var settings = new Dictionary<string, string?>
        {
            // The launch settings the SMART registration validates; the CLI never starts a browser launch.
            ["Smart:ClientId"] = environment["Smart:ClientId"] ?? "mbcedu-cli",
            ["Smart:RedirectUri"] = environment["Smart:RedirectUri"] ?? "http://127.0.0.1/unused-by-the-cli",
        };
        if (environment.GetSection("Smart:AllowedIssuers").GetChildren().All(c => string.IsNullOrEmpty(c.Value)))
            settings["Smart:AllowedIssuers:0"] = fhirBase.AbsoluteUri.TrimEnd('/');
        if (target.PostgresConnection is { } postgres)
        {
            settings["Database:Provider"] = nameof(DatabaseProvider.PostgreSQL);
            settings["ConnectionStrings:MbcEdu"] = postgres;
        }
        else if (target.SqlitePath is { } path)
        {
            settings["Database:Provider"] = nameof(DatabaseProvider.Sqlite);
            settings["ConnectionStrings:MbcEdu"] = Data.DataServiceCollectionExtensions.SqliteConnectionString(null, path, Directory.GetCurrentDirectory());
        }
        var configuration = new ConfigurationBuilder().AddConfiguration(environment).AddInMemoryCollection(settings).Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // Logs go to stderr: stdout is the summary (--json is read by scripts).
        services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("MbcFhirEdu", LogLevel.Information).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddMbcEduData(Directory.GetCurrentDirectory());
        services.AddSmartOnFhir(configuration).AddSmartBackendServices(configuration).AddBulkData(configuration);
        services.AddPopulation(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    /// <summary>Applies migrations when asked, or always for SQLite (a file the CLI may have just created).</summary>
    public static async Task PrepareDatabaseAsync(ServiceProvider services, Target target, CancellationToken ct)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        if (target.Migrate || options.Provider == DatabaseProvider.Sqlite)
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct).ConfigureAwait(false);
    }
}
