using Hl7.Fhir.Model;
using static MbcFhirEdu.Sandbox.Features.Cohort.CohortCodes;
using static MbcFhirEdu.Sandbox.Features.Cohort.CohortResources;

namespace MbcFhirEdu.Sandbox.Features.Cohort;

/// <summary>
/// The base record of one generated patient, one resource type at a time: each type draws from its own seeded
/// stream, so the Observations can be made without making the Conditions (a file of one type costs only that type).
/// </summary>
internal static class CohortRecord
{
    public static IEnumerable<Resource> Build(SandboxCohortOptions options, CohortProfile p, string type) => type switch
    {
        "Patient" => [Patient(p)],
        "Condition" => Conditions(p, new CohortRandom(CohortRandom.Mix(options.Seed, p.Index, 1))),
        "Observation" => Observations(p, new CohortRandom(CohortRandom.Mix(options.Seed, p.Index, 2))),
        "DiagnosticReport" => Reports(p, new CohortRandom(CohortRandom.Mix(options.Seed, p.Index, 3))),
        _ => [],
    };

    public static Patient Patient(CohortProfile p) => new()
    {
        Id = p.PatientId,
        Meta = CohortRandom.Meta(p.LastUpdated),
        Identifier = [new Identifier("urn:oid:2.16.840.1.113883.3.9999.18", "MRN" + (7_000_000 + p.Index))
            { Type = CohortRandom.Concept("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical record number") }],
        Name = [new HumanName { Use = HumanName.NameUse.Official, Family = p.Family, Given = [p.Given] }],
        Gender = p.Female ? AdministrativeGender.Female : AdministrativeGender.Male,
        BirthDate = p.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Deceased = p.Deceased is { } died ? CohortRandom.DateTime(died) : null,
        Communication = [new Patient.CommunicationComponent { Language = CohortRandom.Concept("urn:ietf:bcp:47", p.Language, p.Language), Preferred = true }],
    };

    private static IEnumerable<Resource> Conditions(CohortProfile p, CohortRandom r)
    {
        yield return Primary(p);
        for (var i = 0; i < p.Sites.Count; i++) yield return Metastasis($"{p.PatientId}-met-{i}", p.PatientId, p.Sites[i], p.LastUpdated);
        for (var i = 0; i < p.OtherConditions; i++)
        {
            var (code, display) = r.Pick(OtherConditions);
            var onset = r.Moment(p.Diagnosis.AddYears(-10), p.LastUpdated);
            yield return Condition($"{p.PatientId}-cond-{i}", p.PatientId, CohortRandom.Concept(Snomed, code, display), onset, p.LastUpdated, active: r.Chance(0.7));
        }
    }

    private static Condition Primary(CohortProfile p)
    {
        var code = p.PrimaryPattern switch
        {
            0 => CohortRandom.Concept(Snomed, "254837009", "Malignant neoplasm of breast"),
            1 => CohortRandom.Concept(Snomed, "408643008", "Infiltrating duct carcinoma of breast"),
            2 when p.Female => CohortRandom.Concept(Icd10Cm, p.Left ? "C50.912" : "C50.911", $"Malignant neoplasm of unspecified site of {(p.Left ? "left" : "right")} female breast"),
            _ => new CodeableConcept
            {
                Coding =
                [
                    new Coding(Snomed, "254837009", "Malignant neoplasm of breast"),
                    new Coding(Icd10Cm, p.Female ? "C50.919" : "C50.929", "Malignant neoplasm of breast of unspecified site"),
                ],
            },
        };
        var primary = Condition($"{p.PatientId}-primary", p.PatientId, code, p.Diagnosis, p.LastUpdated);
        primary.BodySite = [p.Left ? CohortRandom.Concept(Snomed, "80248007", "Left breast structure") : CohortRandom.Concept(Snomed, "73056007", "Right breast structure")];
        return primary;
    }

    private static IEnumerable<Resource> Observations(CohortProfile p, CohortRandom r)
    {
        var id = p.PatientId;
        var tested = p.Diagnosis.AddDays(7);
        yield return Marker($"{id}-er", id, "85337-4", "Estrogen receptor Ag [Presence] in Breast cancer specimen by Immune stain", p.Er == ReceptorStatus.Positive, tested, p.LastUpdated);
        yield return Marker($"{id}-pr", id, "85339-0", "Progesterone receptor Ag [Presence] in Breast cancer specimen by Immune stain", p.Pr == ReceptorStatus.Positive, tested, p.LastUpdated);
        var ihc = Observation($"{id}-her2-ihc", id, "laboratory", "85319-2", "HER2 [Presence] in Breast cancer specimen by Immune stain", tested, p.LastUpdated);
        var score = p.Her2 switch { Her2Result.Zero => 0, Her2Result.Ihc1 => 1, Her2Result.Ihc3 => 3, _ => 2 };
        ihc.Value = CohortRandom.Concept(Loinc, Her2Scores[score].Item1, Her2Scores[score].Item2);
        yield return ihc;
        if (p.Her2 is Her2Result.Ihc2IshNegative or Her2Result.Ihc2IshAmplified)
            yield return Marker($"{id}-her2-ish", id, "85318-4", "HER2 [Presence] in Breast cancer specimen by FISH", p.Her2 == Her2Result.Ihc2IshAmplified, tested.AddDays(10), p.LastUpdated);
        yield return Stage(p);
        if (p.Pdl1Positive is { } pdl1)
            yield return Marker($"{id}-pdl1", id, "83052-1", "PD-L1 by clone 22C3 [Presence] in Tissue by Immune stain", pdl1, (p.Sites.Count > 0 ? p.Sites[0].Recorded : tested).AddDays(14), p.LastUpdated);
        if (p.Pik3caDetected is { } pik3ca)
            yield return Variant($"{id}-pik3ca", id, "HGNC:8975", "PIK3CA", pik3ca, (p.Sites.Count > 0 ? p.Sites[0].Recorded : tested).AddDays(21), p.LastUpdated);
        if (p.Esr1Detected is { } esr1)
            yield return Variant($"{id}-esr1", id, "HGNC:3467", "ESR1", esr1, (p.Sites.Count > 0 ? p.Sites[^1].Recorded : tested).AddDays(45), p.LastUpdated);
        for (var i = 0; i < p.OtherObservations; i++)
        {
            var vital = r.Chance(0.3);
            var (code, display, unit, low, high) = vital ? r.Pick(Vitals) : r.Pick(Labs);
            var observation = Observation($"{id}-obs-{i}", id, vital ? "vital-signs" : "laboratory", code, display, r.Moment(p.Diagnosis.AddYears(-1), p.LastUpdated), p.LastUpdated);
            observation.Value = Quantity(r.Between(low, high, 1), unit);
            // The deliberately broken record (Sandbox:Cohort:UnexportableEvery): R4 requires both, the export refuses it.
            if (p.Unexportable && i == 0) (observation.StatusElement, observation.Code) = (null!, null!);
            yield return observation;
        }
    }

    private static Observation Stage(CohortProfile p)
    {
        var stage = Observation($"{p.PatientId}-stage", p.PatientId, "exam", "21908-9", "Stage group.clinical Cancer", p.Diagnosis.AddDays(10), p.LastUpdated);
        var deNovo = p.Sites.Count > 0 && p.Sites[0].Recorded <= p.Diagnosis.AddDays(90);
        stage.Value = new CodeableConcept { Text = deNovo ? "Stage IV" : p.Sites.Count > 0 ? "Stage IIB" : "Stage IIA" };
        return stage;
    }

    private static IEnumerable<Resource> Reports(CohortProfile p, CohortRandom r)
    {
        var pathology = Report($"{p.PatientId}-pathology", p, ("PAT", "Pathology"), ("60568-3", "Pathology Synoptic report"), p.Diagnosis.AddDays(7));
        pathology.Result = [.. new[] { "er", "pr", "her2-ihc" }.Select(test => new ResourceReference($"Observation/{p.PatientId}-{test}"))];
        yield return pathology;
        for (var i = 0; i < p.OtherReports; i++)
        {
            var report = Report($"{p.PatientId}-dr-{i}", p, ("LAB", "Laboratory"), ("58410-2", "CBC panel - Blood by Automated count"), r.Moment(p.Diagnosis.AddYears(-1), p.LastUpdated));
            report.Conclusion = r.Chance(0.8) ? "Within normal limits." : "Mild anaemia.";
            yield return report;
        }
    }

    private static DiagnosticReport Report(string id, CohortProfile p, (string Code, string Display) category, (string Code, string Display) code, DateTimeOffset effective) => new()
    {
        Id = id,
        Meta = CohortRandom.Meta(p.LastUpdated),
        Status = DiagnosticReport.DiagnosticReportStatus.Final,
        Category = [CohortRandom.Concept("http://terminology.hl7.org/CodeSystem/v2-0074", category.Code, category.Display)],
        Code = CohortRandom.Concept(Loinc, code.Code, code.Display),
        Subject = Subject(p.PatientId),
        Effective = new FhirDateTime(CohortRandom.Day(effective)),
    };
}
