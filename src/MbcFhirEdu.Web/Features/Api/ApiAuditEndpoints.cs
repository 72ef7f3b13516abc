using System.Globalization;
using MbcFhirEdu.Web.Features.Audit;
using MbcFhirEdu.Web.Infrastructure.ApiAuth;

namespace MbcFhirEdu.Web.Features.Api;

/// <summary>
/// <c>GET /api/v1/audit</c> (Education.Admin): the audit log as FHIR R4 AuditEvent NDJSON (<c>application/fhir+ndjson</c>),
/// oldest first. <c>_since</c> (a FHIR instant or date) keeps rows recorded at or after it; <c>_count</c> (1–5000,
/// default 1000) bounds one page; when a page is full a <c>Link: rel="next"</c> header carries the <c>_after</c> cursor.
/// </summary>
internal static class ApiAuditEndpoints
{
    public const int DefaultCount = 1000;
    public const int MaxCount = 5000;

    public static RouteGroupBuilder MapApiAudit(this RouteGroupBuilder v1)
    {
        v1.MapGet("/audit", ExportAsync).RequireAuthorization(ApiRoles.AdminPolicy);
        return v1;
    }

    private static async Task<IResult> ExportAsync(HttpContext context, AuditEventExporter exporter, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        DateTimeOffset? since = null;
        if (query.TryGetValue("_since", out var sinceText))
        {
            if (sinceText.Count != 1 || !TryParseInstant(sinceText[0], out var parsed))
                return ApiProblem.Of(400, "invalid_since", "_since must be one FHIR instant (e.g. 2026-12-01T00:00:00Z) or date (2026-12-01).", "_since");
            since = parsed;
        }
        var count = DefaultCount;
        if (query.TryGetValue("_count", out var countText)
            && (countText.Count != 1 || !int.TryParse(countText[0], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxCount))
            return ApiProblem.Of(400, "invalid_count", $"_count must be a whole number from 1 to {MaxCount}.", "_count");
        long after = 0;
        if (query.TryGetValue("_after", out var afterText)
            && (afterText.Count != 1 || !long.TryParse(afterText[0], NumberStyles.None, CultureInfo.InvariantCulture, out after)))
            return ApiProblem.Of(400, "invalid_after", "_after must be the cursor from a previous page's Link header (a whole number).", "_after");

        var response = context.Response;
        response.ContentType = AuditEventExporter.MediaType;
        response.Headers.CacheControl = "no-store";
        // One page is buffered (at most MaxCount events, a few MB) so the next-page Link header can precede the body.
        await using var buffer = new MemoryStream();
        var (written, lastId) = await exporter.WriteNdjsonAsync(buffer, since, after, count, cancellationToken);
        if (written == count)
        {
            var next = $"{context.Request.PathBase}{context.Request.Path}?_count={count}&_after={lastId}"
                + (since is { } s ? "&_since=" + Uri.EscapeDataString(s.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)) : "");
            response.Headers.Link = $"<{next}>; rel=\"next\"";
        }
        response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(response.Body, cancellationToken);
        return Results.Empty;
    }

    private static bool TryParseInstant(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text) || text.Length > 40) return false;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }
        // An instant carries its zone (Z or ±hh:mm); a bare local time would be ambiguous.
        var zoned = text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        return zoned && text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value);
    }
}
