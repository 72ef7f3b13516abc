using System.Globalization;
using MbcFhirEdu.Core.Population;
using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Data.Population;
using MbcFhirEdu.Web.Features.Audit;
using MbcFhirEdu.Web.Infrastructure;
using MbcFhirEdu.Web.Infrastructure.ApiAuth;

namespace MbcFhirEdu.Web.Features.Api;

/// <summary>
/// <c>GET /api/v1/worklist</c> (Education.Read): the population run's open worklist entries, newest first (issue 18,
/// docs/population.md "Worklist API"). <c>reason</c> keeps one reason (kebab-case, e.g. <c>new-site</c>); <c>page</c>
/// (from 1) and <c>pageSize</c> (1–<see cref="WorklistStore.MaxPageSize"/>, default <see cref="DefaultPageSize"/>) page it,
/// and <c>links</c> carries self, first, last, and prev/next where they exist. Entries name the patient by FHIR base and
/// id only; the caller reads the rest from its EHR. Every call writes one audit row (no patient: it is a list).
/// </summary>
internal static class ApiWorklistEndpoints
{
    public const int DefaultPageSize = 50;
    /// <summary>Bounds the offset the database skips (MaxPage × MaxPageSize rows): deeper pages are a filter's job.</summary>
    public const int MaxPage = 10_000;
    /// <summary>The audit action of a worklist read (read, no patient).</summary>
    public const string AuditAction = "api.worklist.read";

    public static RouteGroupBuilder MapApiWorklist(this RouteGroupBuilder v1)
    {
        v1.MapGet("/worklist", ListAsync).RequireAuthorization(ApiRoles.ReadPolicy);
        return v1;
    }

    /// <summary>The reason's name in the API: <c>NewSite</c> → <c>new-site</c>.</summary>
    public static string ReasonName(WorklistReason reason) =>
        string.Concat(reason.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static async Task<IResult> ListAsync(HttpContext context, WorklistStore worklist, AuditLog audit, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        WorklistReason? reason = null;
        if (query.TryGetValue("reason", out var reasonText))
        {
            var names = Enum.GetValues<WorklistReason>().ToDictionary(ReasonName, r => r, StringComparer.Ordinal);
            if (reasonText.Count != 1 || !names.TryGetValue(reasonText[0] ?? "", out var parsed))
                return ApiProblem.Of(400, "invalid_reason", $"reason must be one of {string.Join(", ", names.Keys)}.", "reason");
            reason = parsed;
        }
        if (!TryWholeNumber(query, "page", 1, MaxPage, 1, out var page))
            return ApiProblem.Of(400, "invalid_page", $"page must be a whole number from 1 to {MaxPage}.", "page");
        if (!TryWholeNumber(query, "pageSize", 1, WorklistStore.MaxPageSize, DefaultPageSize, out var pageSize))
            return ApiProblem.Of(400, "invalid_page_size", $"pageSize must be a whole number from 1 to {WorklistStore.MaxPageSize}.", "pageSize");

        var result = await worklist.ListAsync(new WorklistQuery(reason, page, pageSize), cancellationToken);
        await audit.TryWriteAsync(new AuditEntry(AuditAction, true, ApiCaller.ClientId(context.User), null, null),
            logs.CreateLogger("MbcFhirEdu.Web.Features.Api"), cancellationToken);
        var self = PublicUrls.Base(context) + context.Request.PathBase + context.Request.Path;
        return TypedResults.Ok(WorklistResponse.From(result, reason is { } r ? ReasonName(r) : null, self));
    }

    private static bool TryWholeNumber(IQueryCollection query, string name, int min, int max, int fallback, out int value)
    {
        value = fallback;
        if (!query.TryGetValue(name, out var text)) return true;
        return text.Count == 1 && int.TryParse(text[0], NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }
}

/// <summary>The JSON of <c>GET /api/v1/worklist</c>: one page of entries, the total and the paging links.</summary>
internal sealed record WorklistResponse(IReadOnlyList<WorklistItemResponse> Items, int Total, int Page, int PageSize, WorklistLinks Links)
{
    public static WorklistResponse From(WorklistPage page, string? reason, string self)
    {
        var last = Math.Max(1, (page.Total + page.PageSize - 1) / page.PageSize);
        string Link(int number) => self + "?" + (reason is null ? "" : "reason=" + reason + "&")
            + string.Create(CultureInfo.InvariantCulture, $"page={number}&pageSize={page.PageSize}");
        return new WorklistResponse(
            [.. page.Items.Select(WorklistItemResponse.From)], page.Total, page.Page, page.PageSize,
            new WorklistLinks(Link(page.Page), Link(1), Link(last), page.Page > 1 ? Link(Math.Min(page.Page - 1, last)) : null,
                page.Page < last ? Link(page.Page + 1) : null));
    }
}

/// <summary>One entry. <c>patient.reference</c> is relative to <c>patient.fhirBase</c> (the EHR the run exported from).</summary>
internal sealed record WorklistItemResponse(Guid Id, WorklistPatient Patient, string Reason, string Detail, IReadOnlyList<string> Evidence,
    DateTimeOffset CreatedAt, Guid RunId)
{
    public static WorklistItemResponse From(WorklistItem item) => new(
        item.Id, new WorklistPatient("Patient/" + item.PatientId, item.FhirBase.AbsoluteUri.TrimEnd('/')),
        ApiWorklistEndpoints.ReasonName(item.Reason), item.Detail, item.Evidence, item.CreatedAt, item.RunId);
}

internal sealed record WorklistPatient(string Reference, string FhirBase);

/// <summary>Absolute links under the app's public base; <c>prev</c>/<c>next</c> are null on the first/last page.</summary>
internal sealed record WorklistLinks(string Self, string First, string Last, string? Prev, string? Next);
