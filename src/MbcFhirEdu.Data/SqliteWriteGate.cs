using System.Collections.Concurrent;

namespace MbcFhirEdu.Data;

/// <summary>
/// Lets one <c>SaveChanges</c> at a time write to a SQLite database from this process. SQLite allows one writer;
/// a second connection that tries meanwhile gets SQLITE_BUSY, and Microsoft.Data.Sqlite retries that by blocking its
/// thread in <c>Thread.Sleep(150)</c> until the command timeout. Under 16 concurrent CDS calls (a jti and an audit row
/// each) that sleep was most of the time a call took (docs/performance.md). Waiting here instead is an async wait of
/// about one commit. Keyed by connection string, so two databases in one process (tests) do not wait on each other.
/// PostgreSQL needs no gate and has none.
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public static SemaphoreSlim For(string? connectionString) => Gates.GetOrAdd(connectionString ?? "", _ => new SemaphoreSlim(1, 1));
}
