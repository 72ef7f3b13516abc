using Hl7.Fhir.Model;

namespace MbcFhirEdu.Sandbox.Features.Bulk;

/// <summary>
/// The <c>deleted</c> file of an export with <c>_since</c> (Bulk Data 2.0): the generated cohort's resources deleted by
/// advances after <c>_since</c> and up to the job's transaction time (the advances it started with), of the types asked
/// for, one transaction Bundle with one DELETE entry per resource (<c>request.url = "Condition/id"</c>). Regenerated from
/// the advances on each download, like the output files.
/// </summary>
internal static class BulkDeletions
{
    public const string FileName = "Bundle-deleted-1.ndjson";

    /// <summary>"Type/id" of each deleted resource, in advance then patient order.</summary>
    public static IEnumerable<string> Of(BulkJob job) =>
        job.Spec.Since is { } since && job.Members.CohortSize > 0 && job.Spec.Types.Contains("Condition")
            ? job.Advances.Where(a => a.At > since)
                .SelectMany(a => a.Deletions.Where(d => d.Key < job.Members.CohortSize).OrderBy(d => d.Key).Select(d => "Condition/" + d.Value))
            : [];

    public static IEnumerable<Resource> Bundles(BulkJob job) => Of(job).Select(url => new Bundle
    {
        Type = Bundle.BundleType.Transaction,
        Entry = [new Bundle.EntryComponent { Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.DELETE, Url = url } }],
    });
}
