using Hl7.Fhir.Model;
using MbcFhirEdu.Core.Matching;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Web.Features.Patient;
using MbcFhirEdu.Web.Infrastructure;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;
using Severity = Hl7.Fhir.Model.OperationOutcome.IssueSeverity;

namespace MbcFhirEdu.Web.Features.FhirApi;

/// <summary>
/// The <c>Patient/$education</c> result (fhir-profiles OperationDefinition <c>education</c>): a searchset Bundle with one
/// MbcEducationDocumentReference per recommended material, in recommendation order (search.mode match), and one
/// OperationOutcome (search.mode outcome) for what limited the answer: parts of the record that could not be read,
/// data warnings, and notes such as a language fallback.
/// </summary>
internal static class EducationBundleBuilder
{
    public const string ProfileUrl = "http://mbcfhiredu.example.org/fhir/StructureDefinition/mbc-education-document-reference";
    public const string MaterialIdSystem = "http://mbcfhiredu.example.org/fhir/sid/material-id";
    private static readonly string[] EvidenceTypes = ["Condition/", "Observation/", "DiagnosticReport/"];

    public static Bundle Build(string patientId, FetchedRecord record, RecordRecommendation result, string baseUrl, string selfUrl, DateTimeOffset now)
    {
        var patient = new ResourceReference("Patient/" + patientId);
        var entries = result.Recommendations.Items.Select(item => new Bundle.EntryComponent
        {
            FullUrl = "urn:uuid:" + Guid.NewGuid(),
            Resource = Document(item, patient, baseUrl, now),
            Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
        }).ToList();
        var matches = entries.Count;
        if (Outcome(record, result) is { } outcome)
            entries.Add(new Bundle.EntryComponent { FullUrl = "urn:uuid:" + Guid.NewGuid(), Resource = outcome, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Outcome } });

        return new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Type = Bundle.BundleType.Searchset,
            Timestamp = now,
            Total = matches,
            Link = [new Bundle.LinkComponent { Relation = "self", Url = selfUrl }],
            Entry = entries,
        };
    }

    private static DocumentReference Document(Recommendation item, ResourceReference patient, string baseUrl, DateTimeOffset now) => new()
    {
        Id = item.MaterialId,
        Meta = new Meta { Profile = [ProfileUrl] },
        Language = item.Language,
        Identifier = [new Identifier(MaterialIdSystem, item.MaterialId)],
        Status = DocumentReferenceStatus.Current,
        Type = new CodeableConcept { Coding = [new Coding("http://loinc.org", "34895-3", "Education note")] },
        Subject = patient,
        Date = now,
        Description = string.Join(" ", item.Reasons),
        Content =
        [
            new DocumentReference.ContentComponent
            {
                Attachment = new Attachment
                {
                    ContentType = "text/html",
                    Language = item.Language,
                    Url = PublicUrls.Material(baseUrl, item.Language, item.MaterialId),
                    Title = item.Title,
                },
            },
        ],
        Context = new DocumentReference.ContextComponent
        {
            SourcePatientInfo = patient,
            Related = [.. item.Evidence
                .Where(e => EvidenceTypes.Any(t => e.Resource.StartsWith(t, StringComparison.Ordinal)))
                .Select(e => e.Resource).Distinct(StringComparer.Ordinal)
                .Select(r => new ResourceReference(r))],
        },
    };

    private static OperationOutcome? Outcome(FetchedRecord record, RecordRecommendation result)
    {
        var issues = new List<OperationOutcome.IssueComponent>();
        if (result.Profile.Deceased) issues.Add(Issue(Severity.Information, IssueType.BusinessRule, RecordParts.ClinicianDeceasedNote));
        // Named parts, never "not recorded": what a missing part holds is unknown (DESIGN.md "Partial and untrustworthy records").
        issues.AddRange(record.MissingParts.Select(p => Issue(Severity.Warning, IssueType.Incomplete,
            $"Part of the record could not be read: {RecordParts.English(p)}. Materials are chosen from the parts that loaded; what this part holds is unknown, not absent.")));
        issues.AddRange(record.IncompleteParts.Select(p => Issue(Severity.Warning, IssueType.Incomplete,
            $"Part of the record was only partly read: {RecordParts.English(p)}. What the unread rest holds is unknown, not absent.")));
        issues.AddRange(result.Profile.Warnings.Distinct(StringComparer.Ordinal).Take(50).Select(w => Issue(Severity.Warning, IssueType.Informational, w)));
        issues.AddRange(result.Recommendations.Notes.Select(n => Issue(Severity.Information, IssueType.Informational, n)));
        return issues.Count == 0 ? null : new OperationOutcome { Id = Guid.NewGuid().ToString(), Issue = issues };
    }

    private static OperationOutcome.IssueComponent Issue(Severity severity, IssueType code, string diagnostics) =>
        new() { Severity = severity, Code = code, Diagnostics = diagnostics };
}
