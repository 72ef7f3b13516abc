using Hl7.Fhir.Model;
using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Benchmarks.Synthetic.SyntheticValues;

namespace MbcFhirEdu.Benchmarks.Synthetic;

/// <summary>
/// A problem list as EHRs export it: a few breast primaries, secondary sites in the three coding patterns of CODES.md
/// (SNOMED disorder, 128462008 + bodySite, ICD-10-CM C77–C79), and many unrelated problems coded in SNOMED and
/// ICD-10-CM together, with mixed clinical and verification statuses, categories and onset shapes.
/// </summary>
internal static class SyntheticConditions
{
    private const string Category = "http://terminology.hl7.org/CodeSystem/condition-category";

    private static readonly (string Snomed, string Icd, string Display)[] Primaries =
    [
        ("254837009", "C50.919", "Malignant neoplasm of breast"),
        ("408643008", "C50.911", "Infiltrating duct carcinoma of right breast"),
        ("353431000119107", "C50.912", "Primary malignant neoplasm of left female breast"),
        ("372137005", "C50.411", "Primary malignant neoplasm of breast, upper-outer quadrant"),
    ];

    // Site: SNOMED disorder, body structure for 128462008, ICD-10-CM.
    private static readonly (string Disorder, string BodySite, string Icd, string Name)[] Sites =
    [
        ("94222008", "272673000", "C79.51", "bone"), ("94391008", "39607008", "C78.01", "lung"),
        ("94381002", "10200004", "C78.7", "liver"), ("94225005", "12738006", "C79.31", "brain"),
        ("94493005", "3120008", "C78.2", "pleura"), ("94181007", "59441001", "C77.3", "axillary lymph node"),
        ("94579000", "39937001", "C79.2", "skin"), ("94161006", "23451007", "C79.71", "adrenal gland"),
    ];

    private static readonly (string Snomed, string Icd, string Display)[] Others =
    [
        ("38341003", "I10", "Essential hypertension"), ("44054006", "E11.9", "Type 2 diabetes mellitus"),
        ("55822004", "E78.5", "Hyperlipidemia"), ("195967001", "J45.909", "Asthma"), ("35489007", "F32.9", "Depressive disorder"),
        ("197480006", "F41.9", "Anxiety disorder"), ("239873007", "M17.11", "Osteoarthritis of knee"),
        ("40930008", "E03.9", "Hypothyroidism"), ("235595009", "K21.9", "Gastro-esophageal reflux disease"),
        ("271737000", "D64.9", "Anemia"), ("386033004", "G62.9", "Neuropathy"), ("64859006", "M81.0", "Osteoporosis"),
        ("13645005", "J44.9", "Chronic obstructive pulmonary disease"), ("49436004", "I48.91", "Atrial fibrillation"),
        ("431855005", "N18.3", "Chronic kidney disease stage 3"), ("414916001", "E66.9", "Obesity"),
        ("37796009", "G43.909", "Migraine"), ("68566005", "N39.0", "Urinary tract infection"),
        ("444814009", "J06.9", "Viral upper respiratory tract infection"), ("267036007", "R06.02", "Dyspnea"),
        ("62315008", "R19.7", "Diarrhea"), ("422587007", "R11.0", "Nausea"), ("84229001", "R53.83", "Fatigue"),
        ("279039007", "M54.5", "Low back pain"), ("128053003", "I82.409", "Deep venous thrombosis"),
        ("59282003", "I26.99", "Pulmonary embolism"), ("162864005", "E66.3", "Body mass index 30+ - obesity"),
        ("40055000", "N95.1", "Menopausal and female climacteric states"), ("73211009", "E11.65", "Diabetes with hyperglycemia"),
        ("193462001", "G47.00", "Insomnia"), ("274531002", "R50.9", "Fever"), ("409089005", "D70.1", "Febrile neutropenia"),
        ("238575004", "L20.9", "Allergic contact dermatitis"), ("302866003", "R73.09", "Hypoglycemia"),
        ("266569009", "N40.0", "Benign prostatic hyperplasia"), ("65363002", "H66.90", "Otitis media"),
    ];

    private static readonly (int, string)[] ClinicalStatuses =
        [(70, "active"), (4, "recurrence"), (2, "relapse"), (8, "inactive"), (4, "remission"), (12, "resolved")];

    private static readonly (int, string)[] VerificationStatuses =
        [(80, "confirmed"), (6, "provisional"), (4, "differential"), (5, "unconfirmed"), (3, "refuted"), (2, "entered-in-error")];

    private static readonly (int, string)[] Categories = [(60, "problem-list-item"), (35, "encounter-diagnosis"), (5, "health-concern")];

    /// <summary><paramref name="count"/> Conditions for <paramref name="patient"/>, the cancer ones first; diagnosed around <paramref name="diagnosis"/>.</summary>
    public static IEnumerable<Condition> Build(SyntheticValues values, string patient, int count, DateTimeOffset diagnosis)
    {
        var primaries = Math.Min(count, 1 + values.Random.Next(3));
        var secondaries = Math.Min(count - primaries, count / 10 + values.Random.Next(4));
        for (var i = 0; i < count; i++)
        {
            var condition = i < primaries ? Primary(values, diagnosis)
                : i < primaries + secondaries ? Secondary(values, diagnosis)
                : Other(values);
            condition.Id = values.Id();
            condition.Subject = new ResourceReference("Patient/" + patient);
            condition.Meta = values.Meta(diagnosis);
            yield return condition;
        }
    }

    private static Condition Primary(SyntheticValues values, DateTimeOffset diagnosis)
    {
        var (snomed, icd, display) = values.Pick(Primaries);
        var condition = Coded(values, values.Chance(0.5) ? [new Coding(CodeSystems.Snomed, snomed, display), new Coding(CodeSystems.Icd10Cm, icd, display)] : [new Coding(CodeSystems.Snomed, snomed, display)], display);
        condition.BodySite = [values.Chance(0.5) ? Concept(CodeSystems.Snomed, "80248007", "Left breast structure") : Concept(CodeSystems.Snomed, "73056007", "Right breast structure")];
        Status(values, condition, "active", "confirmed");
        Onset(values, condition, values.Moment(diagnosis.AddDays(-20), diagnosis.AddDays(20)));
        if (values.Chance(0.5))
        {
            condition.Stage = [new Condition.StageComponent
            {
                Summary = Concept("http://cancerstaging.org", values.Pick(["IA", "IIA", "IIB", "IIIA", "IV"]), "AJCC stage group"),
                Type = Concept(CodeSystems.Snomed, "399537006", "Clinical TNM stage grouping"),
            }];
        }
        return condition;
    }

    private static Condition Secondary(SyntheticValues values, DateTimeOffset diagnosis)
    {
        var (disorder, bodySite, icd, name) = values.Pick(Sites);
        var condition = values.Random.Next(3) switch
        {
            0 => Coded(values, [new Coding(CodeSystems.Snomed, disorder, "Secondary malignant neoplasm of " + name)], null),
            1 => Coded(values, [new Coding(CodeSystems.Snomed, "128462008", "Secondary malignant neoplastic disease")], "Metastasis to " + name),
            _ => Coded(values, [new Coding(CodeSystems.Icd10Cm, icd, "Secondary malignant neoplasm of " + name)], null),
        };
        if (condition.Code!.Coding[0].Code == "128462008") condition.BodySite = [Concept(CodeSystems.Snomed, bodySite, name + " structure")];
        Status(values, condition, values.Pick(ClinicalStatuses), values.Chance(0.85) ? "confirmed" : values.Pick(VerificationStatuses));
        Onset(values, condition, values.Moment(diagnosis, diagnosis.AddYears(5)));
        return condition;
    }

    private static Condition Other(SyntheticValues values)
    {
        var (snomed, icd, display) = values.Pick(Others);
        Coding[] codings = values.Random.Next(3) switch
        {
            0 => [new Coding(CodeSystems.Snomed, snomed, display)],
            1 => [new Coding(CodeSystems.Icd10Cm, icd, display)],
            _ => [new Coding(CodeSystems.Icd10Cm, icd, display), new Coding(CodeSystems.Snomed, snomed, display)],
        };
        var condition = Coded(values, codings, values.Chance(0.3) ? display.ToUpperInvariant() : display);
        Status(values, condition, values.Pick(ClinicalStatuses), values.Pick(VerificationStatuses));
        Onset(values, condition, values.Moment(new DateTimeOffset(2004, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero)));
        if (values.Chance(0.1)) condition.Note = [new Annotation { Text = "Patient reports " + display.ToLowerInvariant() + " since " + values.Random.Next(1, 15) + " years." }];
        return condition;
    }

    private static Condition Coded(SyntheticValues values, IEnumerable<Coding> codings, string? text)
    {
        var category = values.Pick(Categories);
        return new Condition
        {
            Code = new CodeableConcept { Coding = [.. codings], Text = text },
            Category = [Concept(Category, category, category switch { "problem-list-item" => "Problem List Item", "encounter-diagnosis" => "Encounter Diagnosis", _ => "Health Concern" })],
        };
    }

    private static void Status(SyntheticValues values, Condition condition, string clinical, string verification)
    {
        if (verification != "entered-in-error" || values.Chance(0.5)) condition.ClinicalStatus = Concept(CodeSystems.ConditionClinical, clinical, clinical);
        condition.VerificationStatus = Concept(CodeSystems.ConditionVerification, verification, verification);
    }

    // onset[x] as exports carry it: mostly a dateTime, some a Period or a string, some none; recordedDate a little later.
    private static void Onset(SyntheticValues values, Condition condition, DateTimeOffset onset)
    {
        condition.Onset = values.Random.Next(10) switch
        {
            < 7 => values.DateTime(onset),
            7 => new Period { StartElement = values.DateTime(onset) },
            8 => new FhirString("about " + onset.Year),
            _ => null,
        };
        condition.RecordedDateElement = values.DateTime(onset.AddDays(values.Random.Next(0, 60)));
        if (condition.ClinicalStatus?.Coding[0].Code is "resolved" or "inactive" or "remission")
            condition.Abatement = values.DateTime(onset.AddDays(values.Random.Next(20, 900)));
    }
}
