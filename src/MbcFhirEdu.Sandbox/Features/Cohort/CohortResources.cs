using Hl7.Fhir.Model;
using static MbcFhirEdu.Sandbox.Features.Cohort.CohortCodes;

namespace MbcFhirEdu.Sandbox.Features.Cohort;

/// <summary>Builders for the shapes the generated records share (US Core lab/vital Observations, problem-list Conditions).</summary>
internal static class CohortResources
{
    public static ResourceReference Subject(string patientId) => new("Patient/" + patientId);

    public static Observation Observation(string id, string patientId, string category, string code, string display, DateTimeOffset effective, DateTimeOffset lastUpdated) => new()
    {
        Id = id,
        Meta = CohortRandom.Meta(lastUpdated),
        Status = ObservationStatus.Final,
        Category = [CohortRandom.Concept(ObservationCategory, category, category == "laboratory" ? "Laboratory" : category == "vital-signs" ? "Vital Signs" : "Exam")],
        Code = CohortRandom.Concept(Loinc, code, display),
        Subject = Subject(patientId),
        Effective = new FhirDateTime(CohortRandom.Day(effective)),
        IssuedElement = new Instant(effective.ToUniversalTime()),
    };

    /// <summary>A tumour-marker result coded Positive/Negative (LOINC answers) with the v3 interpretation.</summary>
    public static Observation Marker(string id, string patientId, string code, string display, bool positive, DateTimeOffset effective, DateTimeOffset lastUpdated)
    {
        var observation = Observation(id, patientId, "laboratory", code, display, effective, lastUpdated);
        var (answer, text) = positive ? Positive : Negative;
        observation.Value = CohortRandom.Concept(Loinc, answer, text);
        observation.Interpretation = [CohortRandom.Concept(Interpretation, positive ? "POS" : "NEG", text)];
        return observation;
    }

    /// <summary>A genetic variant assessment (LOINC 69548-6) for one gene, HGNC coded.</summary>
    public static Observation Variant(string id, string patientId, string hgnc, string gene, bool detected, DateTimeOffset effective, DateTimeOffset lastUpdated)
    {
        var observation = Observation(id, patientId, "laboratory", "69548-6", "Genetic variant assessment", effective, lastUpdated);
        observation.Category.Add(CohortRandom.Concept("http://terminology.hl7.org/CodeSystem/v2-0074", "GE", "Genetics"));
        var (answer, text) = detected ? Present : Absent;
        observation.Value = CohortRandom.Concept(Loinc, answer, text);
        observation.Component =
        [
            new Observation.ComponentComponent { Code = CohortRandom.Concept(Loinc, "48018-6", "Gene studied [ID]"), Value = CohortRandom.Concept(Hgnc, hgnc, gene) },
            new Observation.ComponentComponent { Code = CohortRandom.Concept(Loinc, "48002-0", "Genomic source class [Type]"), Value = CohortRandom.Concept(Loinc, "LA6684-0", "Somatic") },
        ];
        return observation;
    }

    public static Condition Condition(string id, string patientId, CodeableConcept code, DateTimeOffset onset, DateTimeOffset lastUpdated, bool active = true) => new()
    {
        Id = id,
        Meta = CohortRandom.Meta(lastUpdated),
        ClinicalStatus = CohortRandom.Concept(ClinicalStatus, active ? "active" : "resolved", active ? "Active" : "Resolved"),
        VerificationStatus = CohortRandom.Concept(VerificationStatus, "confirmed", "Confirmed"),
        Category = [CohortRandom.Concept(ConditionCategory, "problem-list-item", "Problem List Item")],
        Code = code,
        Subject = Subject(patientId),
        Onset = new FhirDateTime(CohortRandom.Day(onset)),
        RecordedDateElement = new FhirDateTime(CohortRandom.Day(onset)),
    };

    /// <summary>A metastasis Condition in one of the three coding patterns of CODES.md.</summary>
    public static Condition Metastasis(string id, string patientId, CohortSite site, DateTimeOffset lastUpdated)
    {
        var s = site.Site;
        var code = site.Pattern switch
        {
            0 => CohortRandom.Concept(Snomed, s.Disorder, s.DisorderDisplay),
            1 => CohortRandom.Concept(Snomed, SecondaryNeoplasm, "Secondary malignant neoplastic disease"),
            _ => CohortRandom.Concept(Icd10Cm, s.Icd10, s.Icd10Display),
        };
        var condition = Condition(id, patientId, code, site.Recorded, lastUpdated);
        if (site.Pattern == 1) condition.BodySite = [CohortRandom.Concept(Snomed, s.BodySite, s.BodySiteDisplay)];
        return condition;
    }

    public static Quantity Quantity(decimal value, string unit) => new() { Value = value, Unit = unit, System = Ucum, Code = unit };
}
