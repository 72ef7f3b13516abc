using MbcFhirEdu.Core.Matching;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Model;
using MbcFhirEdu.Web.Features.Patient;
using MbcFhirEdu.Web.Infrastructure;

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

    public static Bundle Build(string patientId, PatientRecord record, RecordRecommendation result, string baseUrl, string selfUrl, DateTimeOffset now)
    {
        var patient = new ResourceReference { Reference = "Patient/" + patientId };
        var entries = result.Recommendations.Items.Select(item => new BundleEntry
        {
            FullUrl = "urn:uuid:" + Guid.NewGuid(),
            Resource = Document(item, patient, baseUrl, now),
            Search = new BundleEntrySearch { Mode = "match" },
        }).ToList();
        var matches = entries.Count;
        if (Outcome(record, result) is { } outcome)
            entries.Add(new BundleEntry { FullUrl = "urn:uuid:" + Guid.NewGuid(), Resource = outcome, Search = new BundleEntrySearch { Mode = "outcome" } });

        return new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Type = "searchset",
            Timestamp = now,
            Total = matches,
            Link = [new BundleLink { Relation = "self", Url = selfUrl }],
            Entry = entries,
        };
    }

    private static DocumentReference Document(Recommendation item, ResourceReference patient, string baseUrl, DateTimeOffset now) => new()
    {
        Id = item.MaterialId,
        Meta = new Meta { Profile = [ProfileUrl] },
        Language = item.Language,
        Identifier = [new Identifier { System = MaterialIdSystem, Value = item.MaterialId }],
        Status = "current",
        Type = new CodeableConcept { Coding = [new Coding { System = "http://loinc.org", Code = "34895-3", Display = "Education note" }] },
        Subject = patient,
        Date = now,
        Description = string.Join(" ", item.Reasons),
        Content =
        [
            new DocumentReferenceContent
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
        Context = new DocumentReferenceContext
        {
            SourcePatientInfo = patient,
            Related = [.. item.Evidence
                .Where(e => EvidenceTypes.Any(t => e.Resource.StartsWith(t, StringComparison.Ordinal)))
                .Select(e => e.Resource).Distinct(StringComparer.Ordinal)
                .Select(r => new ResourceReference { Reference = r })],
        },
    };

    private static OperationOutcome? Outcome(PatientRecord record, RecordRecommendation result)
    {
        var issues = new List<OperationOutcomeIssue>();
        if (result.Profile.Deceased) issues.Add(Issue("information", "business-rule", RecordParts.ClinicianDeceasedNote));
        // Named parts, never "not recorded": what a missing part holds is unknown (DESIGN.md "Partial and untrustworthy records").
        issues.AddRange(record.MissingParts.Select(p => Issue("warning", "incomplete",
            $"Part of the record could not be read: {RecordParts.English(p)}. Materials are chosen from the parts that loaded; what this part holds is unknown, not absent.")));
        issues.AddRange(record.IncompleteParts.Select(p => Issue("warning", "incomplete",
            $"Part of the record was only partly read: {RecordParts.English(p)}. What the unread rest holds is unknown, not absent.")));
        issues.AddRange(result.Profile.Warnings.Distinct(StringComparer.Ordinal).Take(50).Select(w => Issue("warning", "informational", w)));
        issues.AddRange(result.Recommendations.Notes.Select(n => Issue("information", "informational", n)));
        return issues.Count == 0 ? null : new OperationOutcome { Id = Guid.NewGuid().ToString(), Issue = issues };
    }

    private static OperationOutcomeIssue Issue(string severity, string code, string diagnostics) => new() { Severity = severity, Code = code, Diagnostics = diagnostics };
}
