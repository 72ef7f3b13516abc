using Hl7.Fhir.Model;
using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Benchmarks.Synthetic.SyntheticValues;

namespace MbcFhirEdu.Benchmarks.Synthetic;

/// <summary>
/// The Observations of a chart: mostly routine labs (many LOINC codes, values spread around their reference range,
/// interpretations, the odd valueString or missing value) and vital signs (blood pressure with components), with the
/// cancer facts of <see cref="SyntheticCancerObservations"/> mixed in. Dates spread over the years after diagnosis.
/// </summary>
internal static class SyntheticObservations
{
    private const string CategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";

    private static readonly (string Code, string Display, string Unit, decimal Low, decimal High, int Decimals)[] Labs =
    [
        ("718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", 12.0m, 15.5m, 1), ("4544-3", "Hematocrit [Volume Fraction] of Blood", "%", 36m, 46m, 1),
        ("6690-2", "Leukocytes [#/volume] in Blood", "10*3/uL", 4.0m, 11.0m, 2), ("777-3", "Platelets [#/volume] in Blood", "10*3/uL", 150m, 400m, 0),
        ("789-8", "Erythrocytes [#/volume] in Blood", "10*6/uL", 3.9m, 5.2m, 2), ("751-8", "Neutrophils [#/volume] in Blood", "10*3/uL", 1.8m, 7.7m, 2),
        ("731-0", "Lymphocytes [#/volume] in Blood", "10*3/uL", 1.0m, 4.8m, 2), ("2345-7", "Glucose [Mass/volume] in Serum or Plasma", "mg/dL", 70m, 99m, 0),
        ("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", 0.5m, 1.1m, 2), ("3094-0", "Urea nitrogen [Mass/volume] in Serum or Plasma", "mg/dL", 7m, 20m, 0),
        ("2951-2", "Sodium [Moles/volume] in Serum or Plasma", "mmol/L", 135m, 145m, 0), ("2823-3", "Potassium [Moles/volume] in Serum or Plasma", "mmol/L", 3.5m, 5.1m, 1),
        ("2075-0", "Chloride [Moles/volume] in Serum or Plasma", "mmol/L", 98m, 107m, 0), ("2028-9", "Carbon dioxide, total [Moles/volume] in Serum or Plasma", "mmol/L", 22m, 29m, 0),
        ("17861-6", "Calcium [Mass/volume] in Serum or Plasma", "mg/dL", 8.6m, 10.3m, 1), ("1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma", "U/L", 7m, 35m, 0),
        ("1920-8", "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma", "U/L", 8m, 33m, 0), ("6768-6", "Alkaline phosphatase [Enzymatic activity/volume] in Serum or Plasma", "U/L", 44m, 147m, 0),
        ("1975-2", "Bilirubin.total [Mass/volume] in Serum or Plasma", "mg/dL", 0.1m, 1.2m, 1), ("1751-7", "Albumin [Mass/volume] in Serum or Plasma", "g/dL", 3.4m, 5.4m, 1),
        ("2885-2", "Protein [Mass/volume] in Serum or Plasma", "g/dL", 6.0m, 8.3m, 1), ("33914-3", "Glomerular filtration rate/1.73 sq M.predicted", "mL/min/{1.73_m2}", 60m, 120m, 0),
        ("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "%", 4.0m, 5.6m, 1), ("2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", "mg/dL", 125m, 200m, 0),
        ("2571-8", "Triglyceride [Mass/volume] in Serum or Plasma", "mg/dL", 40m, 150m, 0), ("2085-9", "Cholesterol in HDL [Mass/volume] in Serum or Plasma", "mg/dL", 40m, 90m, 0),
        ("13457-7", "Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation", "mg/dL", 50m, 130m, 0), ("3016-3", "Thyrotropin [Units/volume] in Serum or Plasma", "m[IU]/L", 0.4m, 4.0m, 2),
        ("2276-4", "Ferritin [Mass/volume] in Serum or Plasma", "ng/mL", 15m, 150m, 0), ("2132-9", "Cobalamin (Vitamin B12) [Mass/volume] in Serum or Plasma", "pg/mL", 200m, 900m, 0),
        ("1989-3", "Calcidiol [Mass/volume] in Serum or Plasma", "ng/mL", 20m, 50m, 1), ("2947-0", "Sodium [Moles/volume] in Blood", "mmol/L", 135m, 145m, 0),
        ("19123-9", "Magnesium [Mass/volume] in Serum or Plasma", "mg/dL", 1.7m, 2.2m, 1), ("2777-1", "Phosphate [Mass/volume] in Serum or Plasma", "mg/dL", 2.5m, 4.5m, 1),
        ("2039-6", "Carcinoembryonic Ag [Mass/volume] in Serum or Plasma", "ng/mL", 0m, 3.0m, 1), ("6875-9", "Cancer Ag 15-3 [Units/volume] in Serum or Plasma", "U/mL", 0m, 30m, 0),
        ("2857-1", "Prostate specific Ag [Mass/volume] in Serum or Plasma", "ng/mL", 0m, 4.0m, 2), ("5902-2", "Prothrombin time (PT)", "s", 11m, 13.5m, 1),
        ("6301-6", "INR in Platelet poor plasma by Coagulation assay", "{INR}", 0.8m, 1.1m, 2), ("14804-9", "Lactate dehydrogenase [Enzymatic activity/volume] in Serum or Plasma", "U/L", 140m, 280m, 0),
    ];

    private static readonly (string Code, string Display, string Unit, decimal Low, decimal High, int Decimals)[] Vitals =
    [
        ("8867-4", "Heart rate", "/min", 55m, 110m, 0), ("29463-7", "Body weight", "kg", 48m, 105m, 1), ("39156-5", "Body mass index (BMI) [Ratio]", "kg/m2", 18m, 38m, 1),
        ("8310-5", "Body temperature", "Cel", 36.1m, 38.4m, 1), ("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", "%", 90m, 100m, 0),
        ("9279-1", "Respiratory rate", "/min", 12m, 22m, 0), ("8302-2", "Body height", "cm", 150m, 180m, 1),
    ];

    private static readonly (int, string)[] Statuses = [(90, "final"), (4, "amended"), (2, "corrected"), (3, "preliminary"), (1, "entered-in-error")];

    private static readonly string[] Remarks = ["Specimen hemolyzed", "See comment", "Test not performed", "Quantity not sufficient", "Result to follow"];

    /// <summary><paramref name="count"/> Observations for <paramref name="patient"/>, dated from two years before <paramref name="diagnosis"/> on.</summary>
    public static IEnumerable<Observation> Build(SyntheticValues values, string patient, int count, DateTimeOffset diagnosis)
    {
        var end = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var effective = values.Moment(diagnosis.AddYears(-2), end);
            var observation = values.Random.Next(100) switch
            {
                < 70 => Lab(values),
                < 84 => Vital(values),
                _ => SyntheticCancerObservations.Build(values, diagnosis),
            };
            observation.Id = values.Id();
            observation.Meta = values.Meta(effective);
            observation.StatusElement = new Code<ObservationStatus>(EnumFromCode(values.Pick(Statuses)));
            observation.Subject = new ResourceReference("Patient/" + patient);
            observation.Effective = values.Chance(0.95) ? values.DateTime(effective) : new Period { StartElement = values.DateTime(effective) };
            observation.IssuedElement = new Instant(effective.AddHours(values.Random.Next(1, 96)));
            yield return observation;
        }
    }

    private static ObservationStatus EnumFromCode(string code) =>
        Hl7.Fhir.Utility.EnumUtility.ParseLiteral<ObservationStatus>(code) ?? ObservationStatus.Final;

    private static Observation Lab(SyntheticValues values)
    {
        var (code, display, unit, low, high, decimals) = values.Pick(Labs);
        var observation = Coded("laboratory", code, display);
        if (values.Chance(0.03))
        {
            observation.Value = new FhirString(values.Pick(Remarks));
            return observation;
        }
        if (values.Chance(0.01))
        {
            observation.DataAbsentReason = Concept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "not-performed", "Not Performed");
            return observation;
        }
        var spread = (high - low) / 3;
        var value = values.Between(Math.Max(0, low - spread), high + spread, decimals);
        observation.Value = new Quantity(value, unit) { Unit = unit };
        if (values.Chance(0.7)) observation.ReferenceRange = [new Observation.ReferenceRangeComponent { Low = new Quantity(low, unit), High = new Quantity(high, unit) }];
        var flag = value < low ? ("L", "Low") : value > high ? ("H", "High") : ("N", "Normal");
        if (values.Chance(0.8)) observation.Interpretation = [Concept(CodeSystems.V3Interpretation, flag.Item1, flag.Item2)];
        return observation;
    }

    private static Observation Vital(SyntheticValues values)
    {
        if (values.Chance(0.35))
        {
            var pressure = Coded("vital-signs", "85354-9", "Blood pressure panel with all children optional");
            pressure.Component =
            [
                Component("8480-6", "Systolic blood pressure", new Quantity(values.Random.Next(95, 175), "mm[Hg]")),
                Component("8462-4", "Diastolic blood pressure", new Quantity(values.Random.Next(55, 105), "mm[Hg]")),
            ];
            return pressure;
        }
        var (code, display, unit, low, high, decimals) = values.Pick(Vitals);
        var observation = Coded("vital-signs", code, display);
        observation.Value = new Quantity(values.Between(low, high, decimals), unit) { Unit = unit };
        return observation;
    }

    public static Observation Coded(string category, string code, string display, string system = CodeSystems.Loinc) => new()
    {
        Category = [Concept(CategorySystem, category, category)],
        Code = Concept(system, code, display, display),
    };

    public static Observation.ComponentComponent Component(string code, string display, DataType value) =>
        new() { Code = Concept(CodeSystems.Loinc, code, display), Value = value };
}
