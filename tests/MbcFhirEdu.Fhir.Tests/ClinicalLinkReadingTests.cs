using System.Text.Json.Nodes;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>
/// What the rules of CODES.md 12, 15 and 16 need from the reader: deceased[x], the related primary of a secondary
/// cancer, Observation.focus and DiagnosticReport.category.
/// </summary>
public sealed class ClinicalLinkReadingTests
{
    private const string McodeRelated = "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-related-primary-cancer-condition";
    private const string CoreRelated = "http://hl7.org/fhir/StructureDefinition/condition-related";

    [Theory]
    [InlineData("deceasedBoolean", true, true)]
    [InlineData("deceasedBoolean", false, false)]
    [InlineData("deceasedDateTime", "2024-05-01", true)]
    [InlineData(null, null, false)]
    public void Read_DeceasedElement_MarksThePatientDeceased(string? element, object? value, bool deceased)
    {
        var patient = TestJson.Patient("p1");
        if (element is not null) patient[element] = value is bool flag ? JsonValue.Create(flag) : JsonValue.Create((string)value!);

        var data = TestJson.Single(TestJson.Read(patient));

        Assert.Equal(deceased, data.Patient.Deceased);
    }

    [Fact]
    public void Read_OnlyOneOfTwoRecordsOfOnePersonSaysDeceased_ThePersonIsDeceased()
    {
        var living = TestJson.Patient("a");
        living["deceasedBoolean"] = false;
        var dead = TestJson.Patient("b");
        dead["deceasedDateTime"] = "2025-01-02";
        dead["link"] = new JsonArray(new JsonObject { ["other"] = new JsonObject { ["reference"] = "Patient/a" }, ["type"] = "seealso" });

        var data = TestJson.Single(TestJson.Read(TestJson.Bundle((null, living), (null, dead))));

        Assert.True(data.Patient.Deceased);
    }

    [Theory]
    [InlineData(McodeRelated)]
    [InlineData(CoreRelated)]
    public void Read_RelatedPrimaryByFullUrl_ResolvesToTheConditionAndKeepsTheDisplay(string url)
    {
        var secondary = TestJson.Condition("brain", "Patient/p1", code: "94225005");
        secondary["extension"] = new JsonArray(new JsonObject
        {
            ["url"] = url,
            ["valueReference"] = new JsonObject { ["reference"] = "urn:uuid:0d1c2b3a-0000-4000-8000-00000000000a", ["display"] = "Lung cancer" },
        });
        var data = TestJson.Single(TestJson.Read(TestJson.Bundle(
            (null, TestJson.Patient("p1")),
            ("urn:uuid:0d1c2b3a-0000-4000-8000-00000000000a", TestJson.Condition("nsclc", "Patient/p1", code: "254637007")),
            (null, secondary))));

        var related = Assert.Single(data.Conditions, c => c.Reference == "Condition/brain").RelatedPrimaries;
        Assert.Equal([new Core.Clinical.RelatedReference("Condition/nsclc", "Lung cancer")], related);
    }

    [Fact]
    public void Read_RelatedPrimaryNotInTheFile_KeepsTheReferenceAsTypeAndId()
    {
        var secondary = TestJson.Condition("brain", "Patient/p1", code: "94225005");
        secondary["extension"] = new JsonArray(new JsonObject
        {
            ["url"] = CoreRelated, ["valueReference"] = new JsonObject { ["reference"] = "https://ehr.example.org/fhir/Condition/elsewhere" },
        });

        var condition = Assert.Single(TestJson.Single(TestJson.Read(secondary)).Conditions);

        Assert.Equal([new Core.Clinical.RelatedReference("Condition/elsewhere")], condition.RelatedPrimaries);
    }

    [Fact]
    public void Read_ObservationFocus_ResolvesToTheCondition()
    {
        var stage = TestJson.Observation("stage", "Patient/p1", code: "21908-9", answer: "LA3");
        stage["focus"] = new JsonArray(new JsonObject { ["reference"] = "https://ehr.example.org/fhir/Condition/primary" });
        var data = TestJson.Single(TestJson.Read(TestJson.Bundle(
            (null, TestJson.Patient("p1")), (null, TestJson.Condition("primary", "Patient/p1")), (null, stage))));

        Assert.Equal([new Core.Clinical.RelatedReference("Condition/primary")], data.Observations[0].Focus);
    }

    [Fact]
    public void Read_ReportCategory_IsMapped()
    {
        var report = new JsonObject
        {
            ["resourceType"] = "DiagnosticReport", ["id"] = "scan", ["status"] = "final",
            ["category"] = new JsonArray(TestJson.Concept("http://terminology.hl7.org/CodeSystem/v2-0074", "RAD")),
            ["code"] = TestJson.Concept("http://loinc.org", "39813-1"),
            ["subject"] = new JsonObject { ["reference"] = "Patient/p1" },
            ["conclusionCode"] = new JsonArray(TestJson.Concept("http://snomed.info/sct", "94222008")),
        };

        var record = Assert.Single(TestJson.Single(TestJson.Read(report)).Reports);

        Assert.Equal(["http://terminology.hl7.org/CodeSystem/v2-0074|RAD"], record.Categories.Select(c => $"{c.System}|{c.Value}"));
    }

    [Fact]
    public void Read_McodeBrainMetastasis_KeepsItsNsclcPrimaryReference()
    {
        var condition = Assert.Single(ExternalFixtures.Read("mcode-ig/Condition-secondary-cancer-condition-brain-mets.json").Conditions);

        Assert.Equal([new Core.Clinical.RelatedReference("Condition/primary-cancer-condition-nsclc")], condition.RelatedPrimaries);
    }

    [Fact]
    public void Read_TrialMatchingSecondaries_PointAtTheBreastPrimaryInTheBundle()
    {
        var data = ExternalFixtures.Read("codex-trial-matching/ctm-app_TrialMatching_Patient01.json");

        var secondaries = data.Conditions.Where(c => c.RelatedPrimaries.Count > 0).ToList();
        Assert.Equal(3, secondaries.Count);
        Assert.All(secondaries, c => Assert.Equal(
            [new Core.Clinical.RelatedReference("Condition/mCODETrialMatchingPrimaryCancerConditionExample01")], c.RelatedPrimaries));
    }
}
