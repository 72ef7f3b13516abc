using System.Text.Json;

namespace MbcFhirEdu.Cli.Tests;

/// <summary>
/// Every public file in tests/fixtures/external through <c>mbcedu profile</c>, end to end (reader + extractor),
/// against what each file really says. The expectations were written by reading the files (see that folder's
/// README for each file's content), not by copying the program's output.
/// </summary>
public sealed class ExternalFixtureProfileTests
{
    public sealed record Expected(
        string File, string Patient, bool Metastatic, string[] Sites, string Stage, string Recurrence,
        string Er, string Pr, string Her2, string Subtype, string Variants, bool ReceptorChange, string[] WarningsContaining);

    public static TheoryData<Expected> Files() => new()
    {
        // Three secondary conditions without clinicalStatus (missing = active): axillary nodes, liver, bone; stage 4;
        // ER/PR 10828004 positive, HER2 18474-7 = 260385009 negative; ESR1 and PIK3CA present. No dates at all.
        new("codex-trial-matching/ctm-app_TrialMatching_Patient01.json", "Patient/mCODETrialMatchingPatientExample01", true,
            ["bone", "liver", "lymph-nodes"], "IV", "unknown", "positive", "positive", "negative", "hr-positive-her2-negative",
            "ESR1=detected,PIK3CA=detected", false, []),
        // Bone only; CCND1 (HGNC:1582), FGFR1 (HGNC:3688), MDM2 (HGNC:6973) amplifications, symbols not given.
        new("codex-trial-matching/ctm-app_TrialMatching_Patient02.json", "Patient/mCODETrialMatchingPatientExample02", true,
            ["bone"], "IV", "unknown", "positive", "positive", "negative", "hr-positive-her2-negative",
            "HGNC:1582=detected,HGNC:3688=detected,HGNC:6973=detected", false, []),
        // The fork with a malformed gene-studied valueQuantity: same facts, plus a warning per malformed component.
        new("codex-trial-matching/essex-ctm-app_TrialMatching_Patient01.json", "Patient/mCODETrialMatchingPatientExample01", true,
            ["bone", "liver", "lymph-nodes"], "IV", "unknown", "positive", "positive", "negative", "hr-positive-her2-negative",
            "ESR1=detected,PIK3CA=detected", false, ["component.valueQuantity has a code but no value"]),
        // Lung 94391008 active; stage 4 (2022) beside cM0 (2019): warned. ER positive 2018 then negative 2022 → change;
        // PR and HER2 negative → triple-negative. Diagnosis and spread dated together → de novo.
        new("codex-trial-matching/ctm-service_eom_patient_1.json", "Patient/Ancora-13", true,
            ["lung"], "IV", "de-novo", "negative", "negative", "negative", "triple-negative", "", true, ["disagrees with M0"]),
        // 128462008 + bodySite 8935007 (cerebral meninges) with text copied from the primary; stage IIIA/III; HER2
        // positive (coded + POS); ER positive; STK11 (HGNC:11389) variant; duplicated ids; stray subjects.
        new("codex-trial-matching/ctm-service_patient_data.json", "Patient/1e208b6b-77f1-4808-a32b-9f9caf1ec334", true,
            ["leptomeninges"], "III", "de-novo", "positive", "unknown", "positive", "hr-positive-her2-positive",
            "HGNC:11389=detected", false,
            ["2 copies with the same id", "text describes a primary breast cancer", "recorded stage is III, not IV", "is not in the file; counted for"]),
        // Junk stage codings and a HER2 Observation under a non-existent LOINC "34566": nothing usable but the primary.
        new("codex-trial-matching/ctm-service-breastcancertrials_patient_data.json", "Patient/1e208b6b-77f1-4808-a32b-9f9caf1ec334", false,
            [], "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "", false, ["4 copies with the same id"]),
        // Twelve somatic variants incl. two PIK3CA; no cancer Condition.
        new("genomics-reporting/Bundle-bundle-oncology-report-example.json", "Patient/Inline-Instance-for-oncology-report-example-2", false,
            [], "unknown", "unknown", "unknown", "unknown", "unknown", "unknown",
            "CDKN2A=detected,FBXW7=detected,IRS2=detected,KMT2D=detected,NRAS=detected,PIK3CA=detected,RECQL4=detected,RYR1=detected,SACS=detected,SLIT2=detected,SMARCA4=detected",
            false, []),
        // HER2 18474-7 = LA9633-4 "Present" means positive; the Patient is only referenced.
        new("genomics-reporting/Observation-HER2byImmuneStainExample.json", "Patient/CGPatientExample01", false,
            [], "unknown", "unknown", "unknown", "unknown", "positive", "unknown", "", false, ["the Patient resource is not in the file"]),
        // Epic DSTU2 problem list without cancer; subjects given by display only.
        new("mcode-extraction-framework/condition-bundle.json", "Patient/unknown", false,
            [], "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "", false,
            ["clinicalStatus is a plain string", "'patient' instead of 'subject'"]),
        // A Patient and an OperationOutcome entry (search.mode outcome) that becomes a warning.
        new("mcode-extraction-framework/operation-outcome-bundle.json", "Patient/patient-id", false,
            [], "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "", false, ["OperationOutcome: warning"]),
        // One Condition coding a primary (174.2, 188152004) and C79.81 at once: the secondary is not trusted.
        new("mcode-extraction-framework/searchsetBundleWithMultipleEntries.json", "Patient/unknown", false,
            [], "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "", false,
            ["codes both a primary breast cancer and a secondary"]),
        // Jenny M: not metastatic (cM0); stage.summary IIIC vs stage-group Observation IIB on one date: warned.
        // ER positive, PR negative, HER2 48676-1 negative; PALB2 variant.
        new("mcode-ig/Bundle-mcode-patient-bundle-jenny-m.json", "Patient/cancer-patient-jenny-m", false,
            [], "II", "unknown", "positive", "negative", "negative", "hr-positive-her2-negative", "PALB2=detected", false,
            ["stage values disagree"]),
        new("mcode-ig/Condition-primary-cancer-condition-breast.json", "Patient/cancer-patient-eve-anyperson", false,
            [], "III", "unknown", "unknown", "unknown", "unknown", "unknown", "", false, []),
        new("mcode-ig/Condition-secondary-cancer-condition-brain-mets.json", "Patient/cancer-patient-john-anyperson", true,
            ["brain"], "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "", false, []),
        // History of cancer metastatic to liver: metastatic, but history is not a current site (rule 1).
        new("mcode-ig/Observation-history-of-cancer-metastatic-to-liver.json", "Patient/cancer-patient-adam-everyman", true,
            [], "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "", false, []),
        // valueBoolean false negates the history.
        new("mcode-ig/Observation-no-history-of-metastatic-cancer.json", "Patient/cancer-patient-john-anyperson", false,
            [], "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "", false, []),
        // pM valued only by data-absent-reason: nothing known.
        new("mcode-ig/Observation-tnm-pathologic-distant-metastases-category-jenny-m.json", "Patient/cancer-patient-jenny-m", false,
            [], "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "", false, []),
        // STU3 bundle: breast cancer but no stage, no receptors, no spread; Patient not in the bundle.
        new("smart-sample-data/patient-765583.fhir-bundle.json", "Patient/smart-765583", false,
            [], "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "", false, ["verificationStatus is a plain string"]),
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Profile_ExternalFile_SaysWhatTheFileSays(Expected expected)
    {
        var result = Cli.Run("profile", Cli.External(expected.File));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        var profile = Assert.Single(result.JsonLines());
        Assert.Equal(expected.Patient, profile.GetProperty("patient").GetString());
        Assert.Equal(expected.Metastatic, profile.GetProperty("metastatic").GetBoolean());
        Assert.Equal(expected.Sites, profile.GetProperty("sites").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.Equal(expected.Stage, profile.GetProperty("stage").GetString());
        Assert.Equal(expected.Recurrence, profile.GetProperty("recurrence").GetString());
        Assert.Equal(expected.Er, profile.GetProperty("er").GetString());
        Assert.Equal(expected.Pr, profile.GetProperty("pr").GetString());
        Assert.Equal(expected.Her2, profile.GetProperty("her2").GetString());
        Assert.Equal(expected.Subtype, profile.GetProperty("subtype").GetString());
        Assert.Equal(expected.Variants, string.Join(',', profile.GetProperty("variants").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}")));
        Assert.Equal(expected.ReceptorChange, profile.GetProperty("receptorChange").GetBoolean());
        var warnings = profile.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        foreach (var fragment in expected.WarningsContaining)
            Assert.Contains(warnings, w => w.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void Profile_EveryExternalFixture_IsCoveredByAnExpectation()
    {
        var covered = ((IEnumerable<object[]>)Files()).Select(row => ((Expected)row[0]).File).ToHashSet();
        var root = Cli.External("");
        var present = Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'));
        var uncovered = present.Where(p => !covered.Contains(p)).ToList();
        Assert.True(uncovered.Count == 0, "fixtures without an expectation: " + string.Join(", ", uncovered));
    }

    [Fact]
    public void Profile_EvidenceNamesTheResourceBehindEachSite()
    {
        var result = Cli.Run("profile", Cli.External("codex-trial-matching/ctm-app_TrialMatching_Patient01.json"));

        var evidence = Assert.Single(result.JsonLines()).GetProperty("evidence").EnumerateArray()
            .Select(e => (e.GetProperty("fact").GetString(), e.GetProperty("resource").GetString())).ToList();
        Assert.Contains(("site:liver", "Condition/mCODETrialMatchingSecondaryCancerCondition02PatientExample01"), evidence);
        Assert.Contains(("site:bone", "Condition/mCODETrialMatchingSecondaryCancerCondition03PatientExample01"), evidence);
        Assert.Contains(("variant:PIK3CA:detected", "Observation/mCODETrialMatchingCancerGeneticVariant02PatientExample01"), evidence);
    }

    [Fact]
    public void Profile_WritesTheContractFieldsInOrder()
    {
        var result = Cli.Run("profile", Cli.External("mcode-ig/Condition-secondary-cancer-condition-brain-mets.json"));

        var names = Assert.Single(result.JsonLines()).EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(
            ["patient", "metastatic", "sites", "stage", "recurrence", "er", "pr", "her2", "subtype", "variants", "pdl1", "language", "receptorChange", "breastCancer", "deceased", "evidence", "warnings"],
            names);
        Assert.Equal(JsonValueKind.Object, Assert.Single(result.JsonLines()).GetProperty("variants").ValueKind);
    }
}
