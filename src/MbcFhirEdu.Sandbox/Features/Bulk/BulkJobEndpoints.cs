using System.Globalization;
using Hl7.Fhir.Model;
using MbcFhirEdu.Sandbox.Features.Fhir;
using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Sandbox.Features.Bulk;

/// <summary>Status polling, DELETE and file downloads of an export job. A job is visible only to the client that started it.</summary>
internal static class BulkJobEndpoints
{
    public const string ErrorFileName = "OperationOutcome-1.ndjson";

    public static IResult Status(HttpContext context, string job, BulkJobStore jobs, IOptions<SandboxBulkOptions> options, TimeProvider time)
    {
        if (Find(context, jobs, job) is not { } found) return NotFound(job);
        if (found.Failure is { } failure) return OperationOutcomes.Create(500, "exception", failure);
        var now = time.GetUtcNow();
        if (!found.IsReady(now))
        {
            var planned = found.Members.Count == 0 ? 1.0 : (double)found.Planned / found.Members.Count;
            var waited = options.Value.JobSeconds == 0 ? 1.0 : (now - found.TransactionTime).TotalSeconds / options.Value.JobSeconds;
            var percent = (int)(100 * Math.Clamp(Math.Min(planned, waited), 0, 0.99));
            context.Response.Headers["X-Progress"] = $"{percent}% ({found.Planned} of {found.Members.Count} patients planned)";
            context.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.StatusCode(StatusCodes.Status202Accepted);
        }
        var plan = found.Plan!;
        var files = $"{SandboxUrls.From(context).FhirBase}/$export-file/{found.Id}/";
        var errorCount = plan.Errors.Count + (plan.ErrorsLeftOut > 0 ? 1 : 0);
        context.Response.Headers.Expires = found.ExpiresAt.ToString("R", CultureInfo.InvariantCulture);
        return TypedResults.Json(new BulkManifest(
            found.TransactionTime.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            found.Spec.Request,
            RequiresAccessToken: true,
            [.. plan.Files.Select(f => new BulkManifestFile(f.Type, files + f.Name, f.Count))],
            errorCount == 0 ? [] : [new BulkManifestFile("OperationOutcome", files + ErrorFileName, errorCount)]), SandboxJson.Options);
    }

    public static IResult Delete(HttpContext context, string job, BulkJobStore jobs, ILogger<BulkExporter> logger)
    {
        if (Find(context, jobs, job) is not { } found || !jobs.Remove(found.Id)) return NotFound(job);
        logger.BulkJobDeleted(found.Id[..8]);
        return TypedResults.StatusCode(StatusCodes.Status202Accepted);
    }

    public static IResult Download(HttpContext context, string job, string file, BulkJobStore jobs, BulkSource source, TimeProvider time)
    {
        if (Find(context, jobs, job) is not { } found || !found.IsReady(time.GetUtcNow())) return NotFound(job);
        var plan = found.Plan!;
        if (file == ErrorFileName && plan.Errors.Count + plan.ErrorsLeftOut > 0) return new NdjsonResult(Errors(found.Spec, plan));
        if (plan.Files.FirstOrDefault(f => f.Name == file) is not { } planned) return OperationOutcomes.NotFound($"the export has no file {file}");
        return new NdjsonResult(Enumerable.Range(planned.From, planned.To - planned.From)
            .SelectMany(position => source.Resources(found.Members, position, planned.Type, found.Advances))
            .Where(resource => BulkFilter.Includes(found.Spec, resource, out _)));
    }

    private static IEnumerable<Resource> Errors(BulkExportSpec spec, BulkPlan plan)
    {
        var lines = plan.Errors.Select((text, i) => Outcome(i < spec.Warnings.Count, text));
        return plan.ErrorsLeftOut == 0 ? lines : lines.Append(Outcome(false, $"{plan.ErrorsLeftOut} more resources were not exported (error list bounded to {BulkPlanner.MaxErrors})"));
    }

    private static OperationOutcome Outcome(bool warning, string text) => new()
    {
        Issue = [new OperationOutcome.IssueComponent
        {
            Severity = warning ? OperationOutcome.IssueSeverity.Warning : OperationOutcome.IssueSeverity.Error,
            Code = warning ? OperationOutcome.IssueType.NotSupported : OperationOutcome.IssueType.Processing,
            Diagnostics = text,
        }],
    };

    private static BulkJob? Find(HttpContext context, BulkJobStore jobs, string job) =>
        jobs.Find(job, context.Features.GetRequiredFeature<FhirAccess>().ClientId);

    private static FhirJsonResult NotFound(string job) =>
        OperationOutcomes.NotFound($"no export job {job[..Math.Min(8, job.Length)]}… (never started, deleted, expired, or started by another client)");
}
