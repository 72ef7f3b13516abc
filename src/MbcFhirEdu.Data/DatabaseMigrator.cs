using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MbcFhirEdu.Data;

/// <summary>Applies pending migrations (at start when configured, or in the app's <c>--migrate</c> mode).</summary>
public sealed partial class DatabaseMigrator(IDbContextFactory<MbcEduDbContext> factory, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).Count();
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        // WAL lets readers go on while one writer commits; the setting is kept in the file.
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        Migrated(logger, db.Database.ProviderName ?? "?", pending);
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Database ({Provider}) migrated: {Applied} migration(s) applied")]
    private static partial void Migrated(ILogger logger, string provider, int applied);
}
