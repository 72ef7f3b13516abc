using Hl7.Fhir.Model;
using MbcFhirEdu.Sandbox.Features.Cohort;
using MbcFhirEdu.Sandbox.Features.Fhir;
using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Sandbox.Features.Bulk;

/// <summary>Bulk Data Access 2.0 kick-off: checks the request and the token, then starts a job in the background.</summary>
internal sealed class BulkExporter(
    BulkSource source, BulkJobStore jobs, BulkPlanner planner, IOptions<SandboxBulkOptions> options, TimeProvider time, ILogger<BulkExporter> logger)
{
    public IResult KickOff(HttpContext context, string? groupId)
    {
        var prefer = context.Request.Headers["Prefer"].SelectMany(v => (v ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (!prefer.Contains("respond-async", StringComparer.OrdinalIgnoreCase))
            return Refuse(400, "invalid", "Bulk Data export is asynchronous: send the header Prefer: respond-async");
        var accept = context.Request.Headers.Accept.ToString();
        if (accept.Length > 0 && !accept.Contains("json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("*/*", StringComparison.Ordinal))
            return Refuse(400, "invalid", "Accept must be application/fhir+json");
        if (source.Members(groupId) is not { } members)
            return Refuse(404, "not-found", $"Group/{groupId} does not exist (this sandbox exports Group/{BulkSource.CohortGroupId} and Group/{BulkSource.HandMadeGroupId})");

        var access = context.Features.GetRequiredFeature<FhirAccess>();
        var readable = CohortStore.Types.Where(t => MayExport(access, t)).ToList();
        var urls = SandboxUrls.From(context);
        var requestUrl = $"{urls.FhirBase}/{(groupId is null ? "Patient" : "Group/" + groupId)}/$export{context.Request.QueryString}";
        var strict = prefer.Contains("handling=strict", StringComparer.OrdinalIgnoreCase);
        if (BulkKickOffParser.Parse(context.Request, requestUrl, groupId, readable, strict, out var error) is not { } spec)
            return Refuse(400, "invalid", error!);
        if (spec.Types.FirstOrDefault(t => !readable.Contains(t)) is { } denied)
            return Refuse(403, "forbidden", $"the token does not grant system-level read of {denied} without a constraint (e.g. system/{denied}.rs)");
        if (spec.Types.Count == 0)
            return Refuse(403, "forbidden", "the token grants no system-level read of Patient, Condition, Observation or DiagnosticReport (e.g. system/*.rs)");

        var now = time.GetUtcNow();
        var settings = options.Value;
        var job = new BulkJob(RandomTokens.New(), access.ClientId, spec, members, source.Cohort.Advances, now,
            now.AddSeconds(settings.JobSeconds), now.AddMinutes(settings.JobLifetimeMinutes));
        if (!jobs.TryAdd(job))
            return OperationOutcomes.Create(StatusCodes.Status429TooManyRequests, "throttled", "too many export jobs are kept; delete finished ones or retry later",
                new Dictionary<string, string> { ["Retry-After"] = "30" });
        _ = System.Threading.Tasks.Task.Run(() => planner.Run(job, settings.ResourcesPerFile));
        logger.BulkJobStarted(job.Id[..8], access.ClientId, members.Count, string.Join(',', spec.Types));
        return FhirJsonResult.Resource(new OperationOutcome
        {
            Issue = [new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Information,
                Code = OperationOutcome.IssueType.Informational,
                Diagnostics = "export started; poll the Content-Location URL",
            }],
        }, StatusCodes.Status202Accepted, new Dictionary<string, string> { ["Content-Location"] = $"{urls.FhirBase}/$export-status/{job.Id}" });
    }

    /// <summary>Export is for whole populations: system scopes (or a clinician's user scopes) without a v2 constraint.</summary>
    private static bool MayExport(FhirAccess access, string type)
    {
        var decision = AccessDecision.Decide(access, type, 'r');
        return decision.Denied is null && decision.CompartmentPatientId is null && decision.Scopes.Any(s => s.Query is null);
    }

    private FhirJsonResult Refuse(int status, string code, string reason)
    {
        logger.BulkKickOffRefused(status, reason);
        return OperationOutcomes.Create(status, code, reason);
    }
}
