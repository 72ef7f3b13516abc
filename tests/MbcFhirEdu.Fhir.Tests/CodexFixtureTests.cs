using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Fhir.Tests.ExternalFixtures;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>The CodeX / MITRE clinical-trial-matching fixtures (tests/fixtures/external/codex-trial-matching).</summary>
public sealed class CodexFixtureTests
{
    private const string App01 = "codex-trial-matching/ctm-app_TrialMatching_Patient01.json";
    private const string Essex01 = "codex-trial-matching/essex-ctm-app_TrialMatching_Patient01.json";
    private const string Service = "codex-trial-matching/ctm-service_patient_data.json";

    [Fact]
    public void Read_TrialMatchingPatient01_KeepsSecondaryConditionsWithoutClinicalStatus()
    {
        var data = Read(App01);
        Assert.Equal("Patient/mCODETrialMatchingPatientExample01", data.Patient.Reference);
        Assert.Equal(4, data.Conditions.Count);
        Assert.Equal(8, data.Observations.Count);
        Assert.Empty(data.ReadWarnings);
        foreach (var (id, code) in new[] { ("", "94181007"), ("02", "94381002"), ("03", "94222008") })
        {
            var secondary = data.Condition($"mCODETrialMatchingSecondaryCancerCondition{id}PatientExample01");
            Assert.Equal([$"http://snomed.info/sct|{code}"], secondary.Codes.Keys());
            Assert.Null(secondary.ClinicalStatus);
            Assert.Equal("confirmed", secondary.VerificationStatus);
        }
    }

    [Fact]
    public void Read_TrialMatchingPatient01_MapsPrimaryStageAndVariants()
    {
        var data = Read(App01);
        var primary = data.Condition("mCODETrialMatchingPrimaryCancerConditionExample01");
        Assert.Equal(["http://snomed.info/sct|408643008"], primary.Codes.Keys());
        Assert.Equal(["http://snomed.info/sct|76752008"], primary.BodySites.Keys());
        var stage = Assert.Single(primary.Stages);
        Assert.Equal([new Code(CodeSystems.CancerStaging, "4", "IV")], stage.Summary);
        Assert.Equal(["Observation/mCODETrialMatchingTNMClinicalStageGroupExample01"], stage.Assessments);
        Assert.Equal("http://snomed.info/sct|10828004", Assert.Single(data.Observation("mCODETrialMatchingTumorMarkerPatientExample01").Value!.Codes).Key());
        var variant = data.Observation("mCODETrialMatchingCancerGeneticVariant02PatientExample01");
        Assert.Equal("http://www.genenames.org/geneId|HGNC:8975", Assert.Single(Assert.Single(variant.Components).Value!.Codes).Key());
        Assert.Equal(["http://snomed.info/sct|471281007"], variant.Interpretations.Keys());
    }

    [Fact]
    public void Read_TrialMatchingPatient02_MapsBoneOnlyAndTumourMutationalBurden()
    {
        var data = Read("codex-trial-matching/ctm-app_TrialMatching_Patient02.json");
        Assert.Equal("Patient/mCODETrialMatchingPatientExample02", data.Patient.Reference);
        Assert.Equal(2, data.Conditions.Count);
        Assert.Equal(10, data.Observations.Count);
        var bone = data.Condition("mCODETrialMatchingSecondaryCancerConditionPatientExample02");
        Assert.Equal(["http://snomed.info/sct|94222008"], bone.Codes.Keys());
        Assert.Null(bone.ClinicalStatus);
        var tmb = data.Observation("mCODETrialMatchingTumorMarker05PatientExample02");
        Assert.Equal(["http://loinc.org|94077-5"], tmb.Codes.Keys());
        Assert.Equal("http://snomed.info/sct|62482003", Assert.Single(tmb.Value!.Codes).Key());
    }

    [Fact]
    public void Read_EssexGeneAsValueQuantity_MapsToCodeableConceptWithWarning()
    {
        var data = Read(Essex01);
        Assert.Equal("active", data.Condition("mCODETrialMatchingSecondaryCancerCondition03PatientExample01").ClinicalStatus);
        var gene = Assert.Single(data.Observation("mCODETrialMatchingCancerGeneticVariantPatientExample01").Components);
        Assert.Equal(ValueKind.CodeableConcept, gene.Value!.Kind);
        Assert.Equal(new Code(CodeSystems.Hgnc, "HGNC:3467", "estrogen receptor 1"), Assert.Single(gene.Value.Codes));
        Assert.Contains("Observation/mCODETrialMatchingCancerGeneticVariantPatientExample01: component[0].valueQuantity has a code but no value; read as a valueCodeableConcept",
            data.ReadWarnings);
        Assert.Equal(2, data.ReadWarnings.Count);
    }

    [Fact]
    public void Read_ServicePatientData_DeduplicatesAndLeavesOutOtherPatientsResources()
    {
        var data = Read(Service);
        Assert.Equal("Patient/1e208b6b-77f1-4808-a32b-9f9caf1ec334", data.Patient.Reference);
        Assert.Equal(["Condition/4dee068c-5ffe-4977-8677-4ff9b518e763", "Condition/4dee068c-5ffe-4977-8677-4ff9b518e763x"],
            data.Conditions.Select(c => c.Reference));
        // Rule 12: the three Observations (one of them twice) about two other patients are not hers.
        Assert.Equal(5, data.Observations.Count);
        Assert.DoesNotContain(data.Observations, o => o.Reference == "Observation/6556b6b3-678c-4fd6-9309-8df77xxxxxxx");
        Assert.Contains("Condition/4dee068c-5ffe-4977-8677-4ff9b518e763x: 2 copies with the same id; kept the last one in the file", data.ReadWarnings);
        Assert.Contains("Observation/mCODEECOGPerformanceStatusExample: subject Patient/mCODEMassiveBioPatientExample1004 is another patient, " +
            "not in the input; left out", data.ReadWarnings);
        Assert.Equal(3, data.ReadWarnings.Count(w => w.Contains("is another patient, not in the input; left out", StringComparison.Ordinal)));
    }

    [Fact]
    public void Read_ServicePatientData_MapsSecondaryTwoStagesAndHer2()
    {
        var data = Read(Service);
        var secondary = data.Condition("4dee068c-5ffe-4977-8677-4ff9b518e763x");
        Assert.Equal(["http://snomed.info/sct|128462008"], secondary.Codes.Keys());
        Assert.Equal(["http://snomed.info/sct|8935007"], secondary.BodySites.Keys());
        Assert.Equal("Malignant neoplasm of breast (disorder)", secondary.Text);
        var stages = data.Condition("4dee068c-5ffe-4977-8677-4ff9b518e763").Stages;
        Assert.Equal(["http://snomed.info/sct|261638004", "http://cancerstaging.org|c3A"], stages[0].Summary.Keys());
        Assert.Equal(["http://snomed.info/sct|258224005", "http://cancerstaging.org|c3"], stages[1].Summary.Keys());
        Assert.Equal(new DateOnly(2017, 7, 21), data.Condition("4dee068c-5ffe-4977-8677-4ff9b518e763").Onset);

        var her2 = data.Observation("95d74cb0-15d5-44dd-a289-b622bfed80be");
        Assert.Equal(["http://loinc.org|48676-1", "http://loinc.org|85319-2"], her2.Codes.Keys());
        Assert.Equal("http://snomed.info/sct|10828004", Assert.Single(her2.Value!.Codes).Key());
        Assert.Equal(["http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation|POS"], her2.Interpretations.Keys());
        Assert.Contains("Observation/79930cdd-7eb4-44e3-8e5e-f45892813d04: value[x] has a second, coded value; the coded one is used",
            data.ReadWarnings);
    }

    [Fact]
    public void Read_EomPatient_ResolvesUrnUuidSubjectAndKeepsConflictingErResults()
    {
        var data = Read("codex-trial-matching/ctm-service_eom_patient_1.json");
        Assert.Equal("Patient/Ancora-13", data.Patient.Reference);
        Assert.Equal(2, data.Conditions.Count);
        Assert.Equal(12, data.Observations.Count);
        Assert.Empty(data.ReadWarnings);
        var primary = data.Condition("conditionId-1");
        Assert.Equal(["http://snomed.info/sct|372137005"], primary.Codes.Keys());
        Assert.Null(primary.ClinicalStatus);
        Assert.Equal("active", data.Condition("conditionId-2").ClinicalStatus);
        Assert.Equal("http://loinc.org|LA6576-8", Assert.Single(data.Observation("tumor-marker-test-er-jenny-m").Value!.Codes).Key());
        Assert.Equal("http://snomed.info/sct|260385009", Assert.Single(data.Observation("observation-id-3").Value!.Codes).Key());
    }

    [Fact]
    public void Read_BreastCancerTrialsJunk_KeepsLastOfFourCopiesAndOddLoincCode()
    {
        var data = Read("codex-trial-matching/ctm-service-breastcancertrials_patient_data.json");
        var condition = Assert.Single(data.Conditions);
        Assert.Equal(["http://snomed.info/sct|254837009"], condition.Codes.Keys());
        var stage = Assert.Single(condition.Stages);
        Assert.Empty(stage.Summary); // the last copy has a stage with assessments only
        Assert.Equal(4, stage.Assessments.Count);
        Assert.Contains("Condition/4dee068c-5ffe-4977-8677-4ff9b518e763: 4 copies with the same id; kept the last one in the file", data.ReadWarnings);
        var her2 = Assert.Single(data.Observations);
        Assert.Equal(["http://loinc.org|34566"], her2.Codes.Keys());
        Assert.Equal(ValueKind.CodeableConcept, her2.Value!.Kind);
    }
}
