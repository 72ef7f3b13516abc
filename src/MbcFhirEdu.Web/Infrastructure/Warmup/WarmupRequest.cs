namespace MbcFhirEdu.Web.Infrastructure.Warmup;

/// <summary>
/// A made-up <c>patient-view</c> request for the start-up warm-up: a patient with metastatic breast cancer (a breast
/// primary and bone spread in SNOMED CT) and an ER result, so extraction and matching take their usual branches. No real
/// person; it never leaves the process and writes nothing.
/// </summary>
internal static class WarmupRequest
{
    public const string Json = """
        {"hook":"patient-view","hookInstance":"warm-up","context":{"userId":"Practitioner/warm-up","patientId":"warm-up"},
         "prefetch":{
          "patient":{"resourceType":"Patient","id":"warm-up","gender":"female","birthDate":"1970-01-01"},
          "conditions":{"resourceType":"Bundle","type":"searchset","entry":[
           {"resource":{"resourceType":"Condition","id":"warm-up-primary","subject":{"reference":"Patient/warm-up"},
            "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
            "verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"confirmed"}]},
            "code":{"coding":[{"system":"http://snomed.info/sct","code":"254837009","display":"Malignant neoplasm of breast"}]},
            "onsetDateTime":"2020-03-01"}},
           {"resource":{"resourceType":"Condition","id":"warm-up-bone","subject":{"reference":"Patient/warm-up"},
            "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
            "verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"confirmed"}]},
            "code":{"coding":[{"system":"http://snomed.info/sct","code":"94222008","display":"Secondary malignant neoplasm of bone"}]},
            "onsetDateTime":"2023-05-02T10:00:00+02:00"}}]},
          "labs":{"resourceType":"Bundle","type":"searchset","entry":[
           {"resource":{"resourceType":"Observation","id":"warm-up-er","status":"final","subject":{"reference":"Patient/warm-up"},
            "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],
            "code":{"coding":[{"system":"http://loinc.org","code":"85337-4","display":"Estrogen receptor Ag [Presence] in Breast cancer specimen by Immune stain"}]},
            "valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"10828004","display":"Positive"}]},
            "effectiveDateTime":"2020-03-05"}},
           {"resource":{"resourceType":"Observation","id":"warm-up-hb","status":"final","subject":{"reference":"Patient/warm-up"},
            "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],
            "code":{"coding":[{"system":"http://loinc.org","code":"718-7","display":"Hemoglobin [Mass/volume] in Blood"}]},
            "valueQuantity":{"value":11.2,"unit":"g/dL","system":"http://unitsofmeasure.org","code":"g/dL"},
            "effectiveDateTime":"2024-01-10T08:30:00Z"}}]},
          "reports":{"resourceType":"Bundle","type":"searchset","entry":[]}}}
        """;
}
