using MbcFhirEdu.Data;
using MbcFhirEdu.Data.CdsHooks;
using MbcFhirEdu.Web.Features.CdsHooks;
using Microsoft.AspNetCore.DataProtection;
using MbcFhirEdu.Web.Infrastructure.Observability;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Infrastructure.Persistence;

/// <summary>
/// The database behind everything a user is in the middle of: launch states, token sessions, Data Protection keys
/// (shared by every replica), deliveries, the audit log, and the CDS Hooks jti replay and feedback stores. SQLite by default; PostgreSQL with
/// <c>Database:Provider=PostgreSQL</c> and <c>ConnectionStrings:MbcEdu</c>.
/// </summary>
internal static class PersistenceRegistration
{
    /// <summary>The command-line switch that migrates the database and exits (for a Kubernetes Job).</summary>
    public const string MigrateSwitch = "--migrate";

    /// <summary>The readiness check of the database (tagged <see cref="HealthTags.Ready"/>).</summary>
    public const string DatabaseCheckName = "database";
    public static readonly TimeSpan DatabaseCheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Call before <c>AddSmartOnFhir</c>: its in-memory stores are only added when none is registered.</summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddMbcEduData(environment.ContentRootPath);
        // The keys are shared through the database, so they are encrypted there (DataProtection:CertificatePath).
        services.AddDataProtection()
            .SetApplicationName("MbcFhirEdu")
            .PersistKeysToDbContext<MbcEduDbContext>()
            .ProtectKeysWithConfiguredCertificate(configuration, environment);
        // The CDS Hooks stores' bounds come from the CdsHooks settings (bound by AddCdsHooks, read when first used).
        services.TryAddSingleton(sp =>
        {
            var cds = sp.GetRequiredService<IOptions<CdsHooksOptions>>().Value;
            return new CdsStoreLimits(cds.ReplayStoreCapacity, cds.FeedbackStoreCapacity, cds.ClockSkew);
        });
        // Launch states, sessions, deliveries, audit and the CDS jti replay and feedback stores, shared by every replica.
        services.AddMbcEduStores();
        // /health/ready: the database answers (EF Core's CanConnectAsync), bounded so a black-holed server fails fast.
        services.AddHealthChecks().AddDbContextCheck<MbcEduDbContext>(DatabaseCheckName, tags: [HealthTags.Ready]);
        services.Configure<HealthCheckServiceOptions>(o =>
        {
            foreach (var check in o.Registrations.Where(r => r.Name == DatabaseCheckName)) check.Timeout = DatabaseCheckTimeout;
        });
        // Starting (before the server listens and before other hosted services start): migrate when configured.
        services.AddHostedService<StartupMigration>();
        return services;
    }

    /// <summary>True when the app was started to migrate only; the caller then runs <see cref="MigrateAndExitAsync"/>.</summary>
    public static bool IsMigrateMode(string[] args) => args.Contains(MigrateSwitch, StringComparer.Ordinal);

    /// <summary>
    /// The <c>--migrate</c> mode: applies pending migrations and returns the process exit code. The app is disposed
    /// before returning, so the console logger writes out what it queued (the failure reason) before the process ends.
    /// </summary>
    public static async Task<int> MigrateAndExitAsync(this WebApplication app)
    {
        await using (app)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MbcFhirEdu.Migrate");
            try
            {
                await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);
                return 0;
            }
            catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException or TimeoutException)
            {
                WebLog.MigrationFailed(logger, e.GetType().Name, e.Message);
                return 1;
            }
        }
    }

    private sealed class StartupMigration(DatabaseOptions options, DatabaseMigrator migrator) : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken) =>
            options.ShouldMigrateOnStartup ? migrator.MigrateAsync(cancellationToken) : Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
