using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Fhir.Tests.ExternalFixtures;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>The HL7 mCODE STU4 IG examples (tests/fixtures/external/mcode-ig).</summary>
public sealed class McodeIgFixtureTests
{
    private const string Jenny = "mcode-ig/Bundle-mcode-patient-bundle-jenny-m.json";

    [Fact]
    public void Read_JennyBundle_GivesOnePatientWithLanguageAndCounts()
    {
        var data = Read(Jenny);
        Assert.Equal("Patient/cancer-patient-jenny-m", data.Patient.Reference);
        Assert.Equal("female", data.Patient.Gender);
        Assert.Equal([new LanguagePreference("en-US", false)], data.Patient.Languages);
        Assert.Single(data.Conditions);
        Assert.Equal(22, data.Observations.Count);
        Assert.Equal(["DiagnosticReport/genomics-report-jenny-m", "DiagnosticReport/us-core-diagnosticreport-lab-jenny-m"],
            data.Reports.Select(r => r.Reference));
        Assert.Empty(data.ReadWarnings);
    }

    [Fact]
    public void Read_JennyPrimary_MapsStatusesOnsetAndStageWithAssessment()
    {
        var primary = Read(Jenny).Condition("primary-cancer-condition-jenny-m");
        Assert.Equal(["http://snomed.info/sct|353431000119107"], primary.Codes.Keys());
        Assert.Equal("remission", primary.ClinicalStatus);
        Assert.Equal("confirmed", primary.VerificationStatus);
        Assert.Equal(new DateOnly(2018, 3, 16), primary.Onset);
        Assert.Equal(["http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item"], primary.Categories.Keys());
        var stage = Assert.Single(primary.Stages);
        Assert.Equal(["http://snomed.info/sct|1222806003"], stage.Summary.Keys());
        Assert.Equal(["http://snomed.info/sct|897275008"], stage.Type.Keys());
        Assert.Equal(["Observation/tnm-clinical-stage-group-jenny-m"], stage.Assessments);
    }

    [Fact]
    public void Read_JennyResults_MapStageGroupReceptorsScoreAndVariant()
    {
        var data = Read(Jenny);
        Assert.Equal("http://snomed.info/sct|1222769001", Assert.Single(data.Observation("tnm-clinical-stage-group-jenny-m").Value!.Codes).Key());
        var er = data.Observation("tumor-marker-test-er-jenny-m");
        Assert.Equal(["http://loinc.org|85337-4"], er.Codes.Keys());
        Assert.Equal("final", er.Status);
        Assert.Equal(new DateOnly(2018, 3, 10), er.Effective);
        Assert.Equal("http://loinc.org|LA6576-8", Assert.Single(er.Value!.Codes).Key());
        Assert.Equal("http://loinc.org|LA6577-6", Assert.Single(data.Observation("tumor-marker-test-her2-jenny-m").Value!.Codes).Key());

        var oncotype = data.Observation("tumor-marker-test-oncotype-dx-jenny-m");
        Assert.Equal(ValueKind.Quantity, oncotype.Value!.Kind);
        Assert.Equal(47m, oncotype.Value.Number);
        Assert.Equal(["http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation|H"], oncotype.Interpretations.Keys());

        var variant = data.Observation("genomic-variant-jenny-m");
        Assert.Equal(["http://loinc.org|LA26398-0"], variant.Methods.Keys());
        var gene = variant.Components.Single(c => c.Codes.Any(code => code.Is(CodeSystems.Loinc, "48018-6")));
        Assert.Equal("http://www.genenames.org/geneId|HGNC:26144", Assert.Single(gene.Value!.Codes).Key());
    }

    [Fact]
    public void Read_JennyRegionStudied_NormalisesBareHgncNumbers()
    {
        var region = Read(Jenny).Observation("genomic-region-studied-jenny-m");
        var genes = Assert.Single(region.Components).Value!.Codes;
        Assert.Equal(7, genes.Count);
        Assert.All(genes, g => Assert.Equal(CodeSystems.Hgnc, g.System));
        Assert.Contains(new Code(CodeSystems.Hgnc, "HGNC:1100"), genes.Select(g => g with { Display = null }));
    }

    [Fact]
    public void Read_JennyGenomicsReport_MapsCodeAndDates()
    {
        var report = Read(Jenny).Reports.Single(r => r.Reference == "DiagnosticReport/genomics-report-jenny-m");
        Assert.Equal(["http://loinc.org|51969-4"], report.Codes.Keys());
        Assert.Equal("final", report.Status);
        Assert.Equal(new DateOnly(2018, 3, 15), report.Effective);
        Assert.Equal(new DateOnly(2020, 3, 15), report.Issued);
    }

    [Fact]
    public void Read_PrimaryWithGenericCode_KeepsBodySiteAndWarnsPatientMissing()
    {
        var data = Read("mcode-ig/Condition-primary-cancer-condition-breast.json");
        Assert.Equal("Patient/cancer-patient-eve-anyperson", data.Patient.Reference);
        var condition = Assert.Single(data.Conditions);
        Assert.Equal(["http://snomed.info/sct|363346000"], condition.Codes.Keys());
        Assert.Equal(["http://snomed.info/sct|80248007"], condition.BodySites.Keys());
        Assert.Equal(new DateOnly(2019, 4, 1), condition.Onset);
        Assert.Equal(["http://snomed.info/sct|1222806003"], Assert.Single(condition.Stages).Summary.Keys());
        Assert.Contains("Patient/cancer-patient-eve-anyperson: the Patient resource is not in the file; its resources are grouped by subject reference",
            data.ReadWarnings);
    }

    [Fact]
    public void Read_BrainMetastasis_MapsPrecoordinatedCodeWithoutBodySite()
    {
        var data = Read("mcode-ig/Condition-secondary-cancer-condition-brain-mets.json");
        Assert.Equal("Patient/cancer-patient-john-anyperson", data.Patient.Reference);
        var condition = data.Condition("secondary-cancer-condition-brain-mets");
        Assert.Equal(["http://snomed.info/sct|94225005"], condition.Codes.Keys());
        Assert.Empty(condition.BodySites);
        Assert.Equal("active", condition.ClinicalStatus);
        Assert.Equal(new DateOnly(2019, 5, 1), condition.Onset);
    }

    [Fact]
    public void Read_HistoryOfLiverMetastasis_HasCodeAndNoValue()
    {
        var observation = Read("mcode-ig/Observation-history-of-cancer-metastatic-to-liver.json").Observation("history-of-cancer-metastatic-to-liver");
        Assert.Equal(["http://snomed.info/sct|1098951000119108"], observation.Codes.Keys());
        Assert.Null(observation.Value);
        Assert.Equal(new DateOnly(2018, 11, 16), observation.Effective);
        Assert.Contains(observation.Categories, c => c.Value == "social-history");
    }

    [Fact]
    public void Read_NoHistoryOfMetastaticCancer_MapsBooleanFalse()
    {
        var observation = Read("mcode-ig/Observation-no-history-of-metastatic-cancer.json").Observation("no-history-of-metastatic-cancer");
        Assert.Equal(["http://snomed.info/sct|1287652008"], observation.Codes.Keys());
        Assert.Equal(ValueKind.Boolean, observation.Value!.Kind);
        Assert.False(observation.Value.Boolean);
    }

    [Fact]
    public void Read_PathologicMValuedNotApplicable_MapsToAbsent()
    {
        var data = Read("mcode-ig/Observation-tnm-pathologic-distant-metastases-category-jenny-m.json");
        Assert.Equal("Patient/cancer-patient-jenny-m", data.Patient.Reference);
        var pm = data.Observation("tnm-pathologic-distant-metastases-category-jenny-m");
        Assert.Equal(["http://snomed.info/sct|371497001"], pm.Codes.Keys());
        Assert.Equal(ValueKind.Absent, pm.Value!.Kind);
        Assert.Equal("not-applicable", pm.Value.Text);
        Assert.Equal(new DateOnly(2018, 4, 1), pm.Effective);
    }
}
