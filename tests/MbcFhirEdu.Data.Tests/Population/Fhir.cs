namespace MbcFhirEdu.Data.Tests.Population;

/// <summary>NDJSON lines of the FHIR resources the population tests need (each test makes its own).</summary>
internal static class Fhir
{
    public static string Patient(string id, bool deceased = false) =>
        $$"""{"resourceType":"Patient","id":"{{id}}","gender":"female"{{(deceased ? ",\"deceasedBoolean\":true" : "")}}}""";

    public static string BreastPrimary(string patient, string id = "primary") =>
        Condition(patient, id, "254837009", "2024-01-15");

    public static string Liver(string patient, string onset = "2026-11-30") => Condition(patient, "liver", "94381002", onset);

    public static string Bone(string patient) => Condition(patient, "bone", "94222008", "2025-03-01");

    public static string Condition(string patient, string id, string snomed, string onset, string? lastUpdated = null) =>
        $$"""{"resourceType":"Condition","id":"{{id}}-{{patient}}",{{Meta(lastUpdated)}}"clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},"verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"confirmed"}]},"code":{"coding":[{"system":"http://snomed.info/sct","code":"{{snomed}}"}]},"subject":{"reference":"Patient/{{patient}}"},"onsetDateTime":"{{onset}}"}""";

    public static string Er(string patient, bool positive, string id = "er", string date = "2024-02-01", string? lastUpdated = null)
    {
        var answer = positive ? "LA6576-8" : "LA6577-6";
        return $$$"""{"resourceType":"Observation","id":"{{{id}}}-{{{patient}}}",{{{Meta(lastUpdated)}}}"status":"final","code":{"coding":[{"system":"http://loinc.org","code":"85337-4"}]},"subject":{"reference":"Patient/{{{patient}}}"},"effectiveDateTime":"{{{date}}}","valueCodeableConcept":{"coding":[{"system":"http://loinc.org","code":"{{{answer}}}"}]}}""";
    }

    public static string Outcome(string text) =>
        $$"""{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"processing","diagnostics":"{{text}}"}]}""";

    public static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    private static string Meta(string? lastUpdated) => lastUpdated is null ? "" : $$"""
        "meta":{"lastUpdated":"{{lastUpdated}}"},
        """.Trim();
}
