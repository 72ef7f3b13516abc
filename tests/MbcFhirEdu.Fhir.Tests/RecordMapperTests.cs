using System.Text;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Grouping;
using MbcFhirEdu.Fhir.Input;
using MbcFhirEdu.Fhir.Mapping;
using F = Hl7.Fhir.Model;

namespace MbcFhirEdu.Fhir.Tests;

public sealed class RecordMapperTests
{
    private static (ReadEntry Entry, List<string> Warnings, MapContext Context) Read(string json)
    {
        var value = FhirJson.Read(Encoding.UTF8.GetBytes(json));
        Assert.Null(value.Error);
        var entry = Assert.Single(value.Entries);
        var reference = $"{entry.Resource.TypeName}/{entry.Resource.Id}";
        var warnings = entry.Issues.Select(issue => $"{reference}: {issue}").ToList();
        return (entry, warnings, new MapContext(reference, warnings, r => ResourceSet.TypeAndId(r) ?? r?.Trim()));
    }

    private static (ObservationRecord Record, List<string> Warnings) Observation(string members)
    {
        var (entry, warnings, context) = Read($$"""{"resourceType":"Observation","id":"o1","status":"final","code":{"text":"x"},{{members}}}""");
        return (RecordMapper.Observation((F.Observation)entry.Resource, context), warnings);
    }

    private static (ConditionRecord Record, List<string> Warnings) Condition(string members)
    {
        var (entry, warnings, context) = Read($$"""{"resourceType":"Condition","id":"c1",{{members}}}""");
        return (RecordMapper.Condition((F.Condition)entry.Resource, context), warnings);
    }

    [Fact]
    public void Observation_CodedValueAfterAQuantity_UsesTheCodedOneAndWarns()
    {
        var (record, warnings) = Observation("""
            "valueQuantity":{"value":3},"valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"10828004.0"}],"text":"Positive"}
            """);
        Assert.Equal(ValueKind.CodeableConcept, record.Value!.Kind);
        Assert.Equal(["http://snomed.info/sct|10828004"], record.Value.Codes.Select(c => c.ToString()));
        Assert.Equal("Positive", record.Value.Text);
        Assert.Contains("Observation/o1: value[x] has a second, coded value; the coded one is used", warnings);
        Assert.Contains(warnings, w => w.StartsWith("Observation/o1: Observation: Encountered duplicate property 'valueCodeableConcept'", StringComparison.Ordinal));
    }

    [Fact]
    public void Observation_InvalidDates_AreDroppedWithWarningsThatNameTheFieldNotTheValue()
    {
        var (record, warnings) = Observation(""" "effectiveDateTime":"2019-13-45","issued":"2019-02-30T10:00:00Z" """);
        Assert.Null(record.Effective);
        Assert.Null(record.Issued);
        Assert.Contains("Observation/o1: effectiveDateTime is not a valid FHIR date; ignored", warnings);
        Assert.Contains("Observation/o1: issued is not a valid FHIR date; ignored", warnings);
        Assert.Contains(warnings, w => w.StartsWith("Observation/o1: Observation.effective: the value is not a valid dateTime", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Contains("2019-13-45", StringComparison.Ordinal) || w.Contains("2019-02-30", StringComparison.Ordinal));
    }

    [Fact]
    public void Condition_OidSystemsAndFloatifiedSnomed_AreNormalised()
    {
        var (record, _) = Condition("""
            "code":{"coding":[{"system":"urn:oid:2.16.840.1.113883.6.96","code":"254837009.0"},{"system":"urn:oid:2.16.840.1.113883.6.90","code":"C50.912"}]}
            """);
        Assert.Equal(["http://snomed.info/sct|254837009", "http://hl7.org/fhir/sid/icd-10-cm|C50.912"], record.Codes.Select(c => c.ToString()));
    }

    [Fact]
    public void Condition_Stu3StringStatusesAndSingleCategory_AreReadAsR4()
    {
        var (record, warnings) = Condition("""
            "clinicalStatus":"Active","verificationStatus":"Confirmed","dateRecorded":"2015-02","assertedDate":"2014-12-01",
            "category":{"coding":[{"system":"http://hl7.org/fhir/condition-category","code":"diagnosis"}]}
            """);
        Assert.Equal("active", record.ClinicalStatus);
        Assert.Equal("confirmed", record.VerificationStatus);
        Assert.Equal(["http://hl7.org/fhir/condition-category|diagnosis"], record.Categories.Select(c => c.ToString()));
        Assert.Equal(new DateOnly(2015, 2, 1), record.Recorded);
        Assert.Equal(new DateOnly(2014, 12, 1), record.Asserted);
        Assert.Contains("Condition/c1: 'dateRecorded' (STU3/DSTU2 shape); read as recordedDate", warnings);
        Assert.Contains(warnings, w => w.StartsWith("Condition/c1: Condition.clinicalStatus: ", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("Condition/c1: Condition.category[0]: ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"Preliminary\"", "preliminary")]
    [InlineData("\" FINAL \"", "final")]
    [InlineData("7", "7")]
    public void Observation_CapitalisedOrNumericStatus_IsLowerCasedAsWritten(string status, string expected)
    {
        var (entry, _, context) = Read("""{"resourceType":"Observation","id":"o1","code":{"text":"x"},"status":""" + status + "}");
        Assert.Equal(expected, RecordMapper.Observation((F.Observation)entry.Resource, context).Status);
    }

    [Fact]
    public void Observation_GeneWrittenAsAQuantity_IsReadAsACodedComponent()
    {
        var (record, warnings) = Observation("""
            "component":[{"code":{"text":"gene"},"valueQuantity":{"system":"http://www.genenames.org/geneId","code":"HGNC:3467","display":"ESR1"}}]
            """);
        var value = Assert.Single(record.Components).Value!;
        Assert.Equal(ValueKind.CodeableConcept, value.Kind);
        Assert.Equal(new Code(CodeSystems.Hgnc, "HGNC:3467", "ESR1"), Assert.Single(value.Codes));
        Assert.Contains("Observation/o1: component[0].valueQuantity has a code but no value; read as a valueCodeableConcept", warnings);
    }

    [Fact]
    public void Report_Stu3CodedDiagnosis_BecomesConclusionCodes()
    {
        var (entry, warnings, context) = Read("""
            {"resourceType":"DiagnosticReport","id":"r1","status":"final","code":{"text":"x"},
             "codedDiagnosis":[{"coding":[{"system":"http://snomed.info/sct","code":"94222008"}]}]}
            """);
        var record = RecordMapper.Report((F.DiagnosticReport)entry.Resource, context);
        Assert.Equal(["http://snomed.info/sct|94222008"], record.ConclusionCodes.Select(c => c.ToString()));
        Assert.Contains("DiagnosticReport/r1: 'codedDiagnosis' (STU3 shape); read as conclusionCode", warnings);
    }

    [Fact]
    public void Patient_DeceasedDateTimeLanguagesAndGender_AreMapped()
    {
        var (entry, warnings, context) = Read("""
            {"resourceType":"Patient","id":"p1","gender":"female","deceasedDateTime":"2020-01",
             "communication":[{"language":{"text":"English"}},{"language":{"coding":[{"system":"urn:ietf:bcp:47","code":" es-MX "}]},"preferred":true}]}
            """);
        var record = RecordMapper.Patient("Patient/p1", [(F.Patient)entry.Resource], context);
        Assert.True(record.Deceased);
        Assert.Equal("female", record.Gender);
        Assert.Equal([new LanguagePreference("es-MX", true)], record.Languages);
        Assert.Contains("Patient/p1: communication.language has no code; ignored", warnings);
    }

    [Fact]
    public void Read_InputThatIsNotJson_FailsWithLineAndColumn()
    {
        var result = TestJson.ReadText("{\"resourceType\":\"Patient\",\n  \"id\": p1}", "broken.json");
        Assert.False(result.Succeeded);
        Assert.Equal(FhirReadErrorKind.InvalidJson, result.Error!.Kind);
        Assert.Equal(2, result.Error.Line);
        Assert.Equal(9, result.Error.Column);
    }

    [Fact]
    public void Read_NdjsonWithABrokenLine_NamesThatLine()
    {
        var ndjson = "{\"resourceType\":\"Patient\",\"id\":\"p1\"}\n\n{\"resourceType\":\"Patient\",\"id\":}\n";
        var result = TestJson.ReadText(ndjson, "patients.ndjson");
        Assert.Equal(FhirReadErrorKind.InvalidJson, result.Error!.Kind);
        Assert.Equal(3, result.Error.Line);
    }

    [Fact]
    public void Read_JsonWithoutResourceType_IsNotFhir()
    {
        var result = TestJson.ReadText("""{"patients":[{"id":"a"}]}""", "list.json");
        Assert.Equal(FhirReadErrorKind.NotFhir, result.Error!.Kind);
    }

    [Fact]
    public void Read_BundleEntryWithoutResourceType_IsSkippedWithAWarning()
    {
        var value = FhirJson.Read(Encoding.UTF8.GetBytes("""
            {"resourceType":"Bundle","type":"collection","entry":[{"resource":{"id":"x"}},
             {"fullUrl":"urn:uuid:2b1c8a5e-58c4-4bd5-9c39-7a1e4a3f2d10","resource":{"resourceType":"Patient"}}]}
            """));
        Assert.Equal("urn:uuid:2b1c8a5e-58c4-4bd5-9c39-7a1e4a3f2d10", Assert.Single(value.Entries).FullUrl);
        Assert.Contains("Bundle (no id): entry 1 has a resource without a known resourceType; skipped", value.Warnings);
    }

    [Fact]
    public void Read_BundleIssuesOutsideEntriesAndABom_AreWarningsNotFailures()
    {
        var result = TestJson.ReadText("\uFEFF" + """
            {"resourceType":"Bundle","type":"collection","total":"two","entry":[{"resource":{"resourceType":"Patient","id":"p1"}}]}
            """, "b.json");
        Assert.Equal("Patient/p1", TestJson.Single(result).Patient.Reference);
        Assert.Contains(result.Warnings, w => w.StartsWith("Bundle (no id): Bundle.total: ", StringComparison.Ordinal));
    }
}
