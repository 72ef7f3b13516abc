using System.Text;

namespace MbcFhirEdu.Benchmarks;

/// <summary>
/// A generated, realistic-shaped record for one patient: 200 Conditions and 2,000 Observations (about 1 MB),
/// mixing cancer facts (primary, sites, stage, receptors, variants) with the routine labs and problems that
/// make up most of a real chart. Deterministic: the same bytes every run.
/// </summary>
public static class LargeRecord
{
    public static byte[] Build(int conditions = 200, int observations = 2000)
    {
        var sb = new StringBuilder(1_200_000);
        sb.Append("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":").Append(conditions + observations + 1).Append(",\"entry\":[");
        sb.Append("{\"fullUrl\":\"https://ehr.example.org/fhir/Patient/p1\",\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p1\",")
          .Append("\"meta\":{\"lastUpdated\":\"2024-05-01T10:00:00Z\"},\"gender\":\"female\",\"birthDate\":\"1961-04-12\",")
          .Append("\"name\":[{\"family\":\"Example\",\"given\":[\"Pat\"]}],")
          .Append("\"communication\":[{\"language\":{\"coding\":[{\"system\":\"urn:ietf:bcp:47\",\"code\":\"es-MX\"}]},\"preferred\":true}]},")
          .Append("\"search\":{\"mode\":\"match\"}}");
        for (var i = 0; i < conditions; i++) AppendCondition(sb, i);
        for (var i = 0; i < observations; i++) AppendObservation(sb, i);
        sb.Append("]}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static readonly (string System, string Code, string Display)[] ConditionCodes =
    [
        ("http://snomed.info/sct", "254837009", "Malignant neoplasm of breast"),
        ("http://snomed.info/sct", "94222008", "Secondary malignant neoplasm of bone"),
        ("http://hl7.org/fhir/sid/icd-10-cm", "C78.7", "Secondary malignant neoplasm of liver"),
        ("http://snomed.info/sct", "38341003", "Hypertensive disorder"),
        ("http://snomed.info/sct", "44054006", "Diabetes mellitus type 2"),
        ("http://snomed.info/sct", "195967001", "Asthma"),
        ("urn:oid:2.16.840.1.113883.6.90", "E78.5", "Hyperlipidemia, unspecified"),
        ("http://snomed.info/sct", "35489007", "Depressive disorder"),
    ];

    private static void AppendCondition(StringBuilder sb, int i)
    {
        var (system, code, display) = ConditionCodes[i % ConditionCodes.Length];
        var day = 1 + i % 28;
        sb.Append(",{\"fullUrl\":\"https://ehr.example.org/fhir/Condition/c").Append(i).Append("\",\"resource\":{")
          .Append("\"resourceType\":\"Condition\",\"id\":\"c").Append(i).Append("\",\"meta\":{\"lastUpdated\":\"2024-04-")
          .Append(day.ToString("00")).Append("T08:00:00Z\"},")
          .Append("\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-clinical\",\"code\":\"active\"}]},")
          .Append("\"verificationStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-ver-status\",\"code\":\"confirmed\"}]},")
          .Append("\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-category\",\"code\":\"problem-list-item\"}]}],")
          .Append("\"code\":{\"coding\":[{\"system\":\"").Append(system).Append("\",\"code\":\"").Append(code)
          .Append("\",\"display\":\"").Append(display).Append("\"}],\"text\":\"").Append(display).Append("\"},")
          .Append("\"subject\":{\"reference\":\"Patient/p1\"},\"onsetDateTime\":\"2023-0").Append(1 + i % 9).Append('-')
          .Append(day.ToString("00")).Append("\",\"recordedDate\":\"2023-10-").Append(day.ToString("00")).Append("\"},")
          .Append("\"search\":{\"mode\":\"match\"}}");
    }

    private static readonly string[] Labs =
    [
        "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"718-7\",\"display\":\"Hemoglobin [Mass/volume] in Blood\"}]},\"valueQuantity\":{\"value\":12.4,\"unit\":\"g/dL\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"g/dL\"}",
        "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"17861-6\",\"display\":\"Calcium [Mass/volume] in Serum or Plasma\"}]},\"valueQuantity\":{\"value\":9.6,\"unit\":\"mg/dL\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"mg/dL\"}",
        "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"1742-6\",\"display\":\"Alanine aminotransferase\"}]},\"valueQuantity\":{\"value\":31,\"unit\":\"U/L\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"U/L\"},\"interpretation\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation\",\"code\":\"N\"}]}]",
        "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"85337-4\",\"display\":\"Estrogen receptor Ag [Presence] in Breast cancer specimen by Immune stain\"}]},\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"LA6576-8\",\"display\":\"Positive\"}]}",
        "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"85339-0\",\"display\":\"Progesterone receptor Ag [Presence] in Breast cancer specimen by Immune stain\"}]},\"valueQuantity\":{\"value\":5,\"unit\":\"%\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"%\"}",
        "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"85319-2\",\"display\":\"HER2 [Presence] in Breast cancer specimen by Immune stain\"}]},\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"LA11841-6\",\"display\":\"1+\"}]}",
        "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"69548-6\",\"display\":\"Genetic variant assessment\"}]},\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"LA9633-4\",\"display\":\"Present\"}]},\"component\":[{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"48018-6\",\"display\":\"Gene studied [ID]\"}]},\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://www.genenames.org/geneId\",\"code\":\"HGNC:8975\",\"display\":\"PIK3CA\"}]}}]",
        "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2345-7\",\"display\":\"Glucose [Mass/volume] in Serum or Plasma\"}]},\"valueQuantity\":{\"value\":104,\"unit\":\"mg/dL\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"mg/dL\"}",
    ];

    private static void AppendObservation(StringBuilder sb, int i)
    {
        var month = 1 + i % 12;
        var day = 1 + i % 28;
        sb.Append(",{\"fullUrl\":\"https://ehr.example.org/fhir/Observation/o").Append(i).Append("\",\"resource\":{")
          .Append("\"resourceType\":\"Observation\",\"id\":\"o").Append(i).Append("\",\"meta\":{\"lastUpdated\":\"2024-0")
          .Append(1 + i % 9).Append("-01T08:00:00Z\"},\"status\":\"final\",")
          .Append("\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"laboratory\"}]}],")
          .Append(Labs[i % Labs.Length])
          .Append(",\"subject\":{\"reference\":\"Patient/p1\"},\"effectiveDateTime\":\"2023-").Append(month.ToString("00")).Append('-')
          .Append(day.ToString("00")).Append("T09:30:00Z\",\"issued\":\"2023-").Append(month.ToString("00")).Append('-')
          .Append(day.ToString("00")).Append("T12:00:00Z\"},\"search\":{\"mode\":\"match\"}}");
    }
}
