using MbcFhirEdu.Core.Population;
using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Data.Population;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.Audit;
using MbcFhirEdu.Web.Features.Worklist;
using Microsoft.AspNetCore.Antiforgery;

namespace MbcFhirEdu.Web.Features.Console;

/// <summary>
/// The worklist in the console: <c>GET /console/worklist?reason=&amp;page=</c> (<see cref="WorklistStore.ListAsync"/>, with
/// each row's banner read live from the EHR) and <c>POST /console/worklist/{id}/close</c> (antiforgery). The worklist
/// needs the console's sign-in, never a SMART launch: it lists patients across the population, and a launch's token
/// only vouches for one chart (and any practitioner of the EHR may start one).
/// </summary>
internal static class ConsoleWorklistEndpoints
{
    /// <summary>Most pages the worklist pages through (a bound on <c>page</c>, far beyond any real list).</summary>
    public const int MaxPage = 10_000;

    public static RouteGroupBuilder MapConsoleWorklist(this RouteGroupBuilder console)
    {
        console.MapGet("/worklist", WorklistAsync);
        console.MapPost("/worklist/{id}/close", CloseAsync).DisableAntiforgery();
        return console;
    }

    private static async Task<IResult> WorklistAsync(HttpContext context, string? reason, string? page, string? closed, WorklistStore store, ConsoleEhr ehr,
        FhirRestClient fhir, IAntiforgery antiforgery, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!TryReason(reason, out var filter))
            return Pages.Message(400, "There is no such reason", "The worklist can be filtered by one of the reasons it lists.", nextStep: "Open the worklist again.");
        if (!TryPage(page, out var pageNumber))
            return Pages.Message(400, "There is no such page", $"The page must be a number from 1 to {MaxPage}.", nextStep: "Open the worklist again.");
        var user = ConsoleUser.Of(context);
        var list = await store.ListAsync(new WorklistQuery(filter, pageNumber, ConsoleEndpoints.WorklistPageSize), cancellationToken);
        await audit.TryWriteAsync(new AuditEntry(ConsoleAuditActions.WorklistRead, true, user.ObjectId, null, null), ConsoleEndpoints.Logger(context), cancellationToken);

        var (connection, problem) = ehr.Connect();
        var banners = connection is null ? [] : await BannersAsync(fhir, connection, list.Items, cancellationToken);
        var chrome = ConsoleEndpoints.Chrome(context, antiforgery);
        return Pages.Render<WorklistView>(new Dictionary<string, object?>
        {
            ["Model"] = new WorklistViewModel
            {
                Rows = [.. list.Items.Select(i => new WorklistRow(i, banners.GetValueOrDefault(i.PatientId)))],
                Reason = filter,
                Page = list.Page,
                PageSize = list.PageSize,
                Total = list.Total,
                AntiforgeryField = chrome.AntiforgeryField,
                AntiforgeryToken = chrome.AntiforgeryToken,
                Chrome = chrome,
                Confirmation = closed == "1" ? "The entry was closed." : closed == "0" ? "That entry had already been closed." : null,
                BannerProblem = problem is not null || banners.Count < list.Items.Select(i => i.PatientId).Distinct(StringComparer.Ordinal).Count()
                    ? "Some names could not be read from the health record; those rows show the patient id." : null,
            },
        });
    }

    private static async Task<IResult> CloseAsync(HttpContext context, string id, WorklistStore store, IAntiforgery antiforgery, AuditLog audit,
        CancellationToken cancellationToken)
    {
        if (await ConsoleEndpoints.CheckFormAsync(context, antiforgery) is { } refused) return refused;
        if (!Guid.TryParseExact(id, "D", out var entryId))
            return Pages.Message(404, "There is no such worklist entry", "The address does not name a worklist entry.", nextStep: "Open the worklist again.");
        var user = ConsoleUser.Of(context);
        var entry = await store.FindAsync(entryId, cancellationToken);
        var closed = entry is not null && await store.CloseAsync(entryId, user.ObjectId, cancellationToken);
        await audit.TryWriteAsync(new AuditEntry(ConsoleAuditActions.WorklistClose, closed, user.ObjectId, entry?.FhirBase.AbsoluteUri, entry?.PatientId,
            entryId.ToString("D")), ConsoleEndpoints.Logger(context), cancellationToken);
        if (entry is null)
            return Pages.Message(404, "There is no such worklist entry", "The worklist has no entry with this id.", nextStep: "Open the worklist again.");
        var form = await context.Request.ReadFormAsync(cancellationToken);
        TryReason(form["reason"], out var filter);
        TryPage(form["page"], out var page);
        return ConsoleEndpoints.SeeOther(QueryHelpersAdd(ConsoleEndpoints.WorklistLink(filter, page), closed ? "1" : "0"));
    }

    private static string QueryHelpersAdd(string link, string closed) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(link, "closed", closed) + "#worklist-result";

    /// <summary>The rows' banners, read in parallel (one Patient read each, a page holds at most 25); a failed read is left out.</summary>
    private static async Task<Dictionary<string, PatientBanner?>> BannersAsync(FhirRestClient fhir, FhirConnection connection, IReadOnlyList<WorklistItem> items,
        CancellationToken cancellationToken)
    {
        var ids = items.Select(i => i.PatientId).Distinct(StringComparer.Ordinal).ToList();
        var budget = new FhirLoadBudget(ids.Count * 256L * 1024);
        var reads = await Task.WhenAll(ids.Select(async id => (id, await fhir.ReadAsync(connection, "Patient", id, budget, cancellationToken))));
        return reads.Where(r => r.Item2.Succeeded).ToDictionary(r => r.id, r => PatientBanner.Read(r.Item2.Resource), StringComparer.Ordinal);
    }

    private static bool TryReason(string? value, out WorklistReason? reason)
    {
        reason = null;
        if (string.IsNullOrEmpty(value)) return true;
        if (!Enum.TryParse<WorklistReason>(value, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(value, out _)) return false;
        reason = parsed;
        return true;
    }

    private static bool TryPage(string? value, out int page)
    {
        page = 1;
        if (string.IsNullOrEmpty(value)) return true;
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out page) && page is >= 1 and <= MaxPage;
    }
}
