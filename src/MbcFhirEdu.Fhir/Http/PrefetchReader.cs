using System.Text.Json;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>What a CDS Hooks prefetch key held for one part of the patient record.</summary>
public enum PrefetchState
{
    /// <summary>The key was not sent: fetch the part from <c>fhirServer</c>.</summary>
    Absent,
    /// <summary>The key was JSON <c>null</c>: the client looked and found nothing (CDS Hooks 2.0 §"Prefetch"), so there is nothing to fetch.</summary>
    NoData,
    /// <summary>The data arrived (possibly with OperationOutcome warnings inside the Bundle).</summary>
    Present,
    /// <summary>The client sent an OperationOutcome in place of the data, or something unusable: fetch the part if possible.</summary>
    Failed,
}

/// <summary>One prefetch key read as a part of <see cref="FetchedRecord"/>.</summary>
public sealed record PrefetchedPart(PrefetchState State, FhirSearchResult? Result, string? Problem = null);

/// <summary>
/// Reads CDS Hooks 2.0 prefetch values (§"Prefetch": a read returns the resource, a search a searchset Bundle; null
/// when there is no data; an OperationOutcome when prefetching failed) into the same shape the FHIR client returns,
/// so <see cref="PatientRecordLoader.Assemble"/> and the readers treat prefetched and fetched data alike.
/// </summary>
public static class PrefetchReader
{
    /// <param name="value">The key's value, or null when the key was absent.</param>
    /// <param name="patientId">The hook context's patient: a Patient read must be that patient.</param>
    public static PrefetchedPart Read(JsonElement? value, PatientRecordPart part, string patientId)
    {
        if (value is not { } element) return new(PrefetchState.Absent, null);
        if (element.ValueKind == JsonValueKind.Null) return new(PrefetchState.NoData, new FhirSearchResult([], [], 1, 0));
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("resourceType", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            return new(PrefetchState.Failed, null, "is not a FHIR resource");
        var type = typeElement.GetString();
        if (type == "OperationOutcome") return new(PrefetchState.Failed, null, "holds an OperationOutcome (the client could not prefetch it)");

        if (part == PatientRecordPart.Patient)
        {
            if (type != "Patient") return new(PrefetchState.Failed, null, "is not a Patient");
            if (!element.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || !id.ValueEquals(patientId))
                return new(PrefetchState.Failed, null, "is not the patient in the hook context");
            return new(PrefetchState.Present, new FhirSearchResult([element.Clone()], [], 1, 0));
        }

        var expected = part switch
        {
            PatientRecordPart.Conditions => "Condition",
            PatientRecordPart.Reports => "DiagnosticReport",
            _ => "Observation",
        };
        if (type != "Bundle" || BundlePage.Read(element, null) is not { } page) return new(PrefetchState.Failed, null, "is not a searchset Bundle");
        var problems = new List<FhirProblem>(page.Warnings);
        if (page.Next is not null)
            problems.Add(new FhirProblem(FhirProblemKind.PageLimitReached, $"The prefetched {expected} results have more pages; only the first was read."));
        var resources = page.Resources.Where(r => IsType(r, expected)).ToList();
        return new(PrefetchState.Present, new FhirSearchResult(resources, problems, 1, 0));
    }

    private static bool IsType(JsonElement resource, string type) =>
        resource.TryGetProperty("resourceType", out var value) && value.ValueKind == JsonValueKind.String && value.ValueEquals(type);
}
