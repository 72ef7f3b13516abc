namespace MbcFhirEdu.Sandbox.Features.Cohort;

/// <summary>The codes the generated records use (see /work/shared/CODES.md and fhir-profiles/ ValueSets).</summary>
internal static class CohortCodes
{
    public const string Snomed = "http://snomed.info/sct";
    public const string Loinc = "http://loinc.org";
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";
    public const string Hgnc = "http://www.genenames.org/geneId";
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string ConditionCategory = "http://terminology.hl7.org/CodeSystem/condition-category";
    public const string ClinicalStatus = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    public const string VerificationStatus = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    public const string Interpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    public const string Ucum = "http://unitsofmeasure.org";

    /// <summary>A metastatic site in the three coding patterns CODES.md lists.</summary>
    public sealed record Site(string Key, string Disorder, string DisorderDisplay, string BodySite, string BodySiteDisplay, string Icd10, string Icd10Display);

    public static readonly IReadOnlyList<Site> Sites =
    [
        new("bone", "94222008", "Secondary malignant neoplasm of bone", "272673000", "Bone structure", "C79.51", "Secondary malignant neoplasm of bone"),
        new("liver", "94381002", "Secondary malignant neoplasm of liver", "10200004", "Liver structure", "C78.7", "Secondary malignant neoplasm of liver and intrahepatic bile duct"),
        new("lung", "94391008", "Secondary malignant neoplasm of lung", "39607008", "Lung structure", "C78.00", "Secondary malignant neoplasm of unspecified lung"),
        new("brain", "94225005", "Secondary malignant neoplasm of brain", "12738006", "Brain structure", "C79.31", "Secondary malignant neoplasm of brain"),
    ];

    public const string SecondaryNeoplasm = "128462008";

    public static readonly (string Code, string Display) Positive = ("LA6576-8", "Positive");
    public static readonly (string Code, string Display) Negative = ("LA6577-6", "Negative");
    public static readonly (string Code, string Display) Present = ("LA9633-4", "Present");
    public static readonly (string Code, string Display) Absent = ("LA9634-2", "Absent");

    public static readonly (string Code, string Display)[] Her2Scores =
        [("LA6111-4", "0"), ("LA11841-6", "1+"), ("LA11842-4", "2+"), ("LA11843-2", "3+")];

    /// <summary>Unrelated conditions, so a record looks like a whole chart.</summary>
    public static readonly (string Code, string Display)[] OtherConditions =
    [
        ("38341003", "Hypertensive disorder"), ("44054006", "Diabetes mellitus type 2"), ("55822004", "Hyperlipidemia"),
        ("195967001", "Asthma"), ("35489007", "Depressive disorder"), ("197480006", "Anxiety disorder"),
        ("64859006", "Osteoporosis"), ("40930008", "Hypothyroidism"), ("396275006", "Osteoarthritis"),
        ("414916001", "Obesity"), ("49436004", "Atrial fibrillation"), ("271737000", "Anemia"),
        ("235595009", "Gastroesophageal reflux disease"), ("37796009", "Migraine"), ("386661006", "Fever"),
    ];

    /// <summary>Routine labs: LOINC, display, UCUM unit, low, high.</summary>
    public static readonly (string Code, string Display, string Unit, decimal Low, decimal High)[] Labs =
    [
        ("718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", 9.0m, 15.5m),
        ("6690-2", "Leukocytes [#/volume] in Blood by Automated count", "10*3/uL", 2.5m, 11.0m),
        ("777-3", "Platelets [#/volume] in Blood by Automated count", "10*3/uL", 90m, 420m),
        ("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", 0.5m, 1.6m),
        ("1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma", "U/L", 7m, 90m),
        ("1920-8", "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma", "U/L", 8m, 80m),
        ("6768-6", "Alkaline phosphatase [Enzymatic activity/volume] in Serum or Plasma", "U/L", 40m, 260m),
        ("17861-6", "Calcium [Mass/volume] in Serum or Plasma", "mg/dL", 8.2m, 11.2m),
        ("2345-7", "Glucose [Mass/volume] in Serum or Plasma", "mg/dL", 70m, 210m),
        ("2951-2", "Sodium [Moles/volume] in Serum or Plasma", "mmol/L", 132m, 146m),
        ("2823-3", "Potassium [Moles/volume] in Serum or Plasma", "mmol/L", 3.3m, 5.3m),
        ("1975-2", "Bilirubin.total [Mass/volume] in Serum or Plasma", "mg/dL", 0.2m, 2.1m),
        ("2039-6", "Carcinoembryonic Ag [Mass/volume] in Serum or Plasma", "ng/mL", 0.5m, 40m),
        ("6875-9", "Cancer Ag 15-3 [Units/volume] in Serum or Plasma", "U/mL", 8m, 180m),
    ];

    /// <summary>Vital signs: LOINC, display, UCUM unit, low, high.</summary>
    public static readonly (string Code, string Display, string Unit, decimal Low, decimal High)[] Vitals =
    [
        ("8867-4", "Heart rate", "/min", 55m, 110m),
        ("29463-7", "Body weight", "kg", 45m, 110m),
        ("8310-5", "Body temperature", "Cel", 36.1m, 38.4m),
        ("9279-1", "Respiratory rate", "/min", 12m, 24m),
        ("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", "%", 90m, 100m),
    ];
}
