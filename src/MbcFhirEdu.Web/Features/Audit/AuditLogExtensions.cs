using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Web.Infrastructure;

namespace MbcFhirEdu.Web.Features.Audit;

internal static class AuditLogExtensions
{
    /// <summary>Writes the row; a database failure is logged (without the row's ids) and does not fail the caller.</summary>
    public static async Task TryWriteAsync(this AuditLog log, AuditEntry entry, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await log.WriteAsync(entry, cancellationToken);
        }
        catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            WebLog.AuditWriteFailed(logger, e.GetType().Name);
        }
    }
}
