using MbcFhirEdu.Core.Clinical;

namespace MbcFhirEdu.Fhir.Tests;

public sealed class TolerantReaderTests
{
    private static PatientData ReadWithPatient(string resourceJson) =>
        TestJson.Single(TestJson.ReadText(
            """{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","id":"p1"}},{"resource":"""
            + resourceJson + "}]}"));

    [Fact]
    public void Read_DstuStyleCondition_WarnsAndMapsPatient()
    {
        var data = ReadWithPatient("""
            {"resourceType":"Condition","id":"c1","patient":{"reference":"Patient/p1"},"clinicalStatus":"Active",
             "verificationStatus":"confirmed","category":{"coding":[{"system":"http://hl7.org/fhir/condition-category","code":"diagnosis"}]},
             "dateRecorded":"2015-02","code":{"coding":[{"system":"http://snomed.info/sct","code":"254837009"}]}}
            """);
        var condition = Assert.Single(data.Conditions);
        Assert.Equal("active", condition.ClinicalStatus);
        Assert.Equal("confirmed", condition.VerificationStatus);
        Assert.Equal(["http://hl7.org/fhir/condition-category|diagnosis"], condition.Categories.Select(c => c.ToString()));
        Assert.Equal(new DateOnly(2015, 2, 1), condition.Recorded);
        Assert.Equal([
            "Condition/c1: 'dateRecorded' (STU3/DSTU2 shape); read as recordedDate",
            "Condition/c1: 'patient' instead of 'subject' (DSTU2 shape); read as the subject",
            "Condition/c1: Condition.category[0]: Expected property to be a collection of CodeableConcept, but found a single CodeableConcept. (PVAL127)",
            "Condition/c1: Condition.clinicalStatus: Encountered a json primitive while expecting a json object for non-primitive element 'clinicalStatus'. (JSON131)",
            "Condition/c1: Condition.verificationStatus: Encountered a json primitive while expecting a json object for non-primitive element 'verificationStatus'. (JSON131)",
        ], data.ReadWarnings);
    }

    [Fact]
    public void Read_Stu3AssertedDate_BecomesAssertedWithWarning()
    {
        var data = ReadWithPatient("""{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"},"assertedDate":"2019-03"}""");
        Assert.Equal(new DateOnly(2019, 3, 1), Assert.Single(data.Conditions).Asserted);
        Assert.Contains("Condition/c1: 'assertedDate' (STU3/DSTU2 shape); read as the condition-assertedDate extension", data.ReadWarnings);
    }

    [Fact]
    public void Read_AssertedDateExtensionAndOnsetPeriod_MapToDates()
    {
        var data = ReadWithPatient("""
            {"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"},"onsetPeriod":{"start":"2019"},
             "abatementDateTime":"2021-06-30T10:00:00-05:00","recordedDate":"2019-04-02T23:30:00+14:00",
             "extension":[{"url":"http://hl7.org/fhir/StructureDefinition/condition-assertedDate","valueDateTime":"2019-03-28"}]}
            """);
        var condition = Assert.Single(data.Conditions);
        Assert.Equal(new DateOnly(2019, 1, 1), condition.Onset);
        Assert.Equal(new DateOnly(2019, 3, 28), condition.Asserted);
        Assert.Equal(new DateOnly(2021, 6, 30), condition.Abatement);
        Assert.Equal(new DateOnly(2019, 4, 2), condition.Recorded); // the date as written, not converted to UTC
        Assert.Empty(data.ReadWarnings);
    }

    [Fact]
    public void Read_FloatifiedSnomedAndOidSystems_AreNormalised()
    {
        var data = ReadWithPatient("""
            {"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"},
             "code":{"coding":[{"system":"http://snomed.info/sct","code":"254837009.0"},{"system":"urn:oid:2.16.840.1.113883.6.90","code":"C50.912"}]},
             "bodySite":[{"coding":[{"system":"urn:oid:2.16.840.1.113883.6.96","code":"80248007"}],"text":"left breast"}]}
            """);
        var condition = Assert.Single(data.Conditions);
        Assert.Equal(["http://snomed.info/sct|254837009", "http://hl7.org/fhir/sid/icd-10-cm|C50.912"], condition.Codes.Select(c => c.ToString()));
        Assert.Equal(["http://snomed.info/sct|80248007"], condition.BodySites.Select(c => c.ToString()));
        Assert.Equal("left breast", condition.BodySiteText);
    }

    [Fact]
    public void Read_WrongKinds_WarnInsteadOfThrowing()
    {
        var data = ReadWithPatient("""
            {"resourceType":"Observation","id":"o1","subject":"Patient/p1","status":7,"code":{"coding":[{"system":"http://loinc.org","code":85337}]},
             "category":"laboratory","valueQuantity":{"value":"12.5","unit":"%"},"effectiveDateTime":"yesterday","issued":true,
             "component":{"code":{"text":"x"}},"interpretation":{"coding":[{"code":"POS"}]},"text":{"div":"<div>ignored</div>"},"_status":{"id":"x"}}
            """);
        var observation = Assert.Single(data.Observations);
        Assert.Equal("7", observation.Status);
        Assert.Equal(["http://loinc.org|85337"], observation.Codes.Select(c => c.ToString()));
        Assert.Equal(12.5m, observation.Value!.Number);
        Assert.Null(observation.Effective);
        Assert.Single(observation.Components);
        Assert.Equal(["|POS"], observation.Interpretations.Select(c => c.ToString()));
        Assert.Contains("Observation/o1: subject is a string, expected a Reference object; read as the reference", data.ReadWarnings);
        Assert.Contains("Observation/o1: effectiveDateTime is not a valid FHIR date; ignored", data.ReadWarnings);
        Assert.Contains("Observation/o1: Observation.interpretation[0]: Expected property to be a collection of CodeableConcept, but found a single CodeableConcept. (PVAL127)", data.ReadWarnings);
        Assert.Contains("Observation/o1: Observation.issued: the value is not a valid instant (PVAL123)", data.ReadWarnings);
        Assert.DoesNotContain(data.ReadWarnings, w => w.Contains("yesterday", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"valueString":"greater than 2.2"}""", ValueKind.String)]
    [InlineData("""{"valueRatio":{"numerator":{"value":1,"comparator":">="},"denominator":{"value":100}}}""", ValueKind.Ratio)]
    [InlineData("""{"valueRange":{"low":{"value":1,"unit":"%"},"high":{"value":10}}}""", ValueKind.Range)]
    [InlineData("""{"valueInteger":3}""", ValueKind.Integer)]
    [InlineData("""{"valueDateTime":"2020-01"}""", ValueKind.DateTime)]
    [InlineData("""{"valuePeriod":{"start":"2020"}}""", ValueKind.Other)]
    [InlineData("""{"valueTime":"10:00:00"}""", ValueKind.Other)]
    [InlineData("""{"valueSampledData":{"origin":{"value":0},"period":1,"dimensions":1,"data":"1 2"}}""", ValueKind.Other)]
    [InlineData("""{"dataAbsentReason":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/data-absent-reason","code":"not-performed"}]}}""", ValueKind.Absent)]
    public void Read_EveryValueForm_MapsToItsKind(string valueJson, ValueKind kind)
    {
        var members = valueJson[1..^1];
        var data = ReadWithPatient($$"""{"resourceType":"Observation","id":"o1","subject":{"reference":"Patient/p1"},{{members}}}""");
        Assert.Equal(kind, Assert.Single(data.Observations).Value!.Kind);
        Assert.Empty(data.ReadWarnings);
    }

    [Fact]
    public void Read_RatioAndRangeAndAbsent_CarryTheirNumbers()
    {
        var data = ReadWithPatient("""
            {"resourceType":"Observation","id":"o1","subject":{"reference":"Patient/p1"},"note":[{"text":"faint staining"},{"text":"second"}],
             "component":[{"code":{"coding":[{"system":"http://loinc.org","code":"49683-6"}]},"valueRatio":{"numerator":{"value":2.3,"comparator":">"},"denominator":{"value":1}}},
                          {"code":{"text":"range"},"valueRange":{"low":{"value":1,"unit":"%"},"high":{"value":10,"unit":"%"}}},
                          {"code":{"text":"absent"},"dataAbsentReason":{"coding":[{"code":"unknown"}]}}]}
            """);
        var observation = Assert.Single(data.Observations);
        var ratio = observation.Components[0].Value!;
        Assert.Equal((2.3m, ">", 1m), (ratio.Numerator!.Value, ratio.NumeratorComparator, ratio.Denominator!.Value));
        var range = observation.Components[1].Value!;
        Assert.Equal((1m, 10m, "%"), (range.Number!.Value, range.High!.Value, range.Unit));
        Assert.Equal((ValueKind.Absent, "unknown"), (observation.Components[2].Value!.Kind, observation.Components[2].Value!.Text));
        Assert.Equal("faint staining\nsecond", observation.Note);
    }

    [Fact]
    public void Read_ValueAndDataAbsentReason_UsesTheValueAndWarns()
    {
        var data = ReadWithPatient("""
            {"resourceType":"Observation","id":"o1","subject":{"reference":"Patient/p1"},"valueQuantity":{"value":5,"comparator":"<","unit":"%"},
             "dataAbsentReason":{"coding":[{"code":"unknown"}]}}
            """);
        var value = Assert.Single(data.Observations).Value!;
        Assert.Equal((ValueKind.Quantity, 5m, "<", "%"), (value.Kind, value.Number!.Value, value.Comparator, value.Unit));
        Assert.Equal(["Observation/o1: value[x] and dataAbsentReason are both present; the value is used"], data.ReadWarnings);
    }

    [Fact]
    public void Read_EffectivePeriodAndInstant_GiveTheEffectiveDate()
    {
        var period = ReadWithPatient("""{"resourceType":"Observation","id":"o1","subject":{"reference":"Patient/p1"},"effectivePeriod":{"start":"2021-02-03T04:05:06Z"}}""");
        Assert.Equal(new DateOnly(2021, 2, 3), Assert.Single(period.Observations).Effective);
        var instant = ReadWithPatient("""{"resourceType":"Observation","id":"o1","subject":{"reference":"Patient/p1"},"effectiveInstant":"2022-12-31T23:59:59.999+00:00"}""");
        Assert.Equal(new DateOnly(2022, 12, 31), Assert.Single(instant.Observations).Effective);
    }

    [Fact]
    public void Read_Stu3CommentAndCodedDiagnosis_MoveToR4Elements()
    {
        var observation = ReadWithPatient("""{"resourceType":"Observation","id":"o1","subject":{"reference":"Patient/p1"},"comment":"low positive"}""");
        Assert.Equal("low positive", Assert.Single(observation.Observations).Note);
        Assert.Equal(["Observation/o1: 'comment(s)' (STU3/DSTU2 shape); read as note"], observation.ReadWarnings);
        var report = ReadWithPatient("""
            {"resourceType":"DiagnosticReport","id":"r1","subject":{"reference":"Patient/p1"},"conclusion":"bone metastasis",
             "codedDiagnosis":[{"coding":[{"system":"http://snomed.info/sct","code":"94222008"}]}]}
            """);
        Assert.Equal(["http://snomed.info/sct|94222008"], Assert.Single(report.Reports).ConclusionCodes.Select(c => c.ToString()));
        Assert.Equal("bone metastasis", report.Reports[0].Conclusion);
    }

    [Fact]
    public void Read_PatientLanguages_KeepOrderAndPreferredFlag()
    {
        var data = TestJson.Single(TestJson.ReadText("""
            {"resourceType":"Patient","id":"p1","gender":"FEMALE","name":[{"family":"never read"}],
             "communication":[{"language":{"coding":[{"system":"urn:ietf:bcp:47","code":"en"}]}},
                              {"language":{"coding":[{"system":"urn:ietf:bcp:47","code":"es-MX"}]},"preferred":true},
                              {"language":{"text":"Klingon"}}]}
            """));
        Assert.Equal([new LanguagePreference("en", false), new LanguagePreference("es-MX", true)], data.Patient.Languages);
        Assert.Equal("female", data.Patient.Gender);
        Assert.Equal(["Patient/p1: communication.language has no code; ignored"], data.ReadWarnings);
    }

    [Fact]
    public void Read_EntryWithoutResourceType_IsSkippedWithAWarning()
    {
        var result = TestJson.ReadText("""
            {"resourceType":"Bundle","id":"b1","type":"collection","entry":[{"resource":{"resourceType":"Patient","id":"p1"}},{"resource":{"id":"x"}},{"request":{"method":"DELETE"}}]}
            """);
        Assert.Equal(["Bundle/b1: entry 2 has a resource without a known resourceType; skipped"], result.Warnings);
    }
}
