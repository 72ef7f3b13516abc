using System.Text.Json;

namespace MbcFhirEdu.Cli.Tests;

/// <summary>
/// Every public file in tests/fixtures/external through <c>mbcedu profile</c>, end to end (reader + extractor),
/// against what each file really says. The expectations were written by reading the files (see that folder's
/// README for each file's content), not by copying the program's output.
/// </summary>
public sealed class ExternalFixtureProfileTests
{
    /// <param name="BreastCancer">CODES.md rule 15's value, when the row checks it.</param>
    /// <param name="TextFacts">Evidence facts that must be marked as read from free text (rule 19).</param>
    /// <param name="WarningsAbsent">Fragments no warning may contain.</param>
    public sealed record Expected(
        string File, string Patient, bool Metastatic, string[] Sites, string Stage, string Recurrence,
        string Er, string Pr, string Her2, string Subtype, string Variants, bool ReceptorChange, string[] WarningsContaining,
        string? BreastCancer = null, string[]? TextFacts = null, string[]? WarningsAbsent = null);

    private const string NotFound = "no breast cancer diagnosis found";
    private const string Disagree = "records of distant spread and of no distant spread disagree";

    public static TheoryData<Expected> Files() => new()
    {
        // Three secondary conditions without clinicalStatus (missing = active): axillary nodes, liver, bone; stage 4;
        // ER/PR 10828004 positive, HER2 18474-7 = 260385009 negative; ESR1 and PIK3CA present. No dates at all.
        new("codex-trial-matching/ctm-app_TrialMatching_Patient01.json", "Patient/mCODETrialMatchingPatientExample01", true,
            ["bone", "liver", "lymph-nodes"], "IV", "unknown", "positive", "positive", "negative", "hr-positive-her2-negative",
            "ESR1=detected,PIK3CA=detected", false, [], BreastCancer: "recorded"),
        // Bone only; CCND1 (HGNC:1582), FGFR1 (HGNC:3688), MDM2 (HGNC:6973) amplifications, symbols not given.
        new("codex-trial-matching/ctm-app_TrialMatching_Patient02.json", "Patient/mCODETrialMatchingPatientExample02", true,
            ["bone"], "IV", "unknown", "positive", "positive", "negative", "hr-positive-her2-negative",
            "HGNC:1582=detected,HGNC:3688=detected,HGNC:6973=detected", false, []),
        // The fork with a malformed gene-studied valueQuantity: same facts, plus a warning per malformed component.
        new("codex-trial-matching/essex-ctm-app_TrialMatching_Patient01.json", "Patient/mCODETrialMatchingPatientExample01", true,
            ["bone", "liver", "lymph-nodes"], "IV", "unknown", "positive", "positive", "negative", "hr-positive-her2-negative",
            "ESR1=detected,PIK3CA=detected", false, ["component[0].valueQuantity has a code but no value"]),
        // Lung 94391008 active; stage 4 (2022) beside cM0 (2019): warned. ER positive 2018 then negative 2022 → change;
        // PR and HER2 negative → triple-negative. Diagnosis and spread dated together → de novo.
        new("codex-trial-matching/ctm-service_eom_patient_1.json", "Patient/Ancora-13", true,
            ["lung"], "IV", "de-novo", "negative", "negative", "negative", "triple-negative", "", true, [Disagree], BreastCancer: "recorded"),
        // 128462008 + bodySite 8935007 (cerebral meninges) with text copied from the primary; stage IIIA/III; HER2
        // positive (coded + POS); ER positive; duplicated ids. The STK11 (HGNC:11389) variant's subject is another patient
        // (Patient/mCODEPatientExample01): left out under rule 12 (passes once the s5-fhir reader is merged).
        new("codex-trial-matching/ctm-service_patient_data.json", "Patient/1e208b6b-77f1-4808-a32b-9f9caf1ec334", true,
            ["leptomeninges"], "III", "de-novo", "positive", "unknown", "positive", "hr-positive-her2-positive",
            "", false,
            ["2 copies with the same id", "text describes a primary breast cancer", "recorded stage is III, not IV",
             "subject Patient/mCODEPatientExample01 is another patient"], BreastCancer: "recorded"),
        // Junk stage codings and a HER2 Observation under a non-existent LOINC "34566": nothing usable but the primary.
        new("codex-trial-matching/ctm-service-breastcancertrials_patient_data.json", "Patient/1e208b6b-77f1-4808-a32b-9f9caf1ec334", false,
            [], "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "", false,
            ["4 copies with the same id", "test code not recognised (http://loinc.org|34566), but its name says HER2"], BreastCancer: "recorded"),
        // Twelve somatic variants incl. two PIK3CA; no cancer Condition.
        new("genomics-reporting/Bundle-bundle-oncology-report-example.json", "Patient/Inline-Instance-for-oncology-report-example-2", false,
            [], "unknown", "unknown", "unknown", "unknown", "unknown", "unknown",
            "CDKN2A=detected,FBXW7=detected,IRS2=detected,KMT2D=detected,NRAS=detected,PIK3CA=detected,RECQL4=detected,RYR1=detected,SACS=detected,SLIT2=detected,SMARCA4=detected",
            false, [NotFound], BreastCancer: "not-found"),
        // HER2 18474-7 = LA9633-4 "Present" means positive; the Patient is only referenced.
        new("genomics-reporting/Observation-HER2byImmuneStainExample.json", "Patient/CGPatientExample01", false,
            [], "unknown", "unknown", "unknown", "unknown", "positive", "unknown", "", false, ["the Patient resource is not in the file", NotFound],
            BreastCancer: "not-found"),
        // Epic DSTU2 problem list without cancer; subjects given by display only.
        new("mcode-extraction-framework/condition-bundle.json", "Patient/unknown", false,
            [], "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "", false,
            ["Condition.clinicalStatus: Encountered a json primitive", "'patient' instead of 'subject'"]),
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
        // A brain metastasis whose related primary (an NSCLC) is not in the file: no breast cancer is recorded (rule 15), and
        // with no other primary cancer recorded the metastasis still makes the profile metastatic.
        new("mcode-ig/Condition-secondary-cancer-condition-brain-mets.json", "Patient/cancer-patient-john-anyperson", true,
            ["brain"], "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "", false, [NotFound], BreastCancer: "not-found"),
        new("mcode-ig/Condition-primary-cancer-condition-breast.json", "Patient/cancer-patient-eve-anyperson", false,
            [], "III", "unknown", "unknown", "unknown", "unknown", "unknown", "", false, [], BreastCancer: "recorded", WarningsAbsent: [NotFound]),
        // History of cancer metastatic to liver: metastatic, but history is not a current site (rule 1).
        new("mcode-ig/Observation-history-of-cancer-metastatic-to-liver.json", "Patient/cancer-patient-adam-everyman", true,
            [], "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "", false, [NotFound], BreastCancer: "not-found"),
        // valueBoolean false negates the history.
        new("mcode-ig/Observation-no-history-of-metastatic-cancer.json", "Patient/cancer-patient-john-anyperson", false,
            [], "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "", false, []),
        // pM valued only by data-absent-reason: nothing known.
        new("mcode-ig/Observation-tnm-pathologic-distant-metastases-category-jenny-m.json", "Patient/cancer-patient-jenny-m", false,
            [], "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "", false, []),
        // German neoadjuvant TNBC: ICD-10-GM C50.4 only; stage only as text ("cT2 cN1 cM0 – UICC IIB" → II, marked text and
        // warned; "ypT0 ypN0" is no stage group); ER/PR/HER2 negative; notes state IHC 1+ and receptor results, the
        // Condition text "triple-negativ": each warned about, none used. Not metastatic (cM0).
        new("de-therapieziele/Bundle-BundleMammaNeoadjuvant.json", "Patient/PatientinMamma", false,
            [], "II", "unknown", "negative", "negative", "negative", "triple-negative", "BRCA1=not-detected", false,
            [
                "ObsTNMklinischMamma: stage II read from free text", "ObsTNMpathologischMamma: unrecognised stage group value",
                "ObsHER2Mamma: free text (a note) states a HER2 result, an IHC score", "ConditionMamma: free text (its text) states triple-negative",
                "ObsEstrogenrezeptorMamma: free text (a note) states a hormone receptor result",
            ],
            BreastCancer: "recorded", TextFacts: ["stage:II"], WarningsAbsent: [NotFound]),
        // MII oncology module, each file alone (Patient/example is not in any of them).
        new("de-mii-onko/Condition-mii-exa-onko-diagnose.json", "Patient/example", false,
            [], "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "", false, [], BreastCancer: "recorded", WarningsAbsent: [NotFound]),
        // 385421009 valued with the oBDS code PUL: lung (rule 18). With no primary in the file, breast cancer is not found;
        // no other primary cancer is recorded either, so the metastasis still counts.
        new("de-mii-onko/Observation-mii-exa-onko-fernmetastasen-1.json", "Patient/example", true,
            ["lung"], "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "", false, [NotFound], BreastCancer: "not-found",
            WarningsAbsent: ["site of metastasis not recognised"]),
        // UICC stage group IVC as a code (rule 18): stage IV; a bare stage IV never makes breast cancer recorded.
        new("de-mii-onko/Observation-mii-exa-onko-tnm-klassifikation-uT2a2pN0023i-sncM1.json", "Patient/example", true,
            [], "IV", "unknown", "unknown", "unknown", "unknown", "unknown", "", false, [NotFound], BreastCancer: "not-found",
            WarningsAbsent: ["read from the display"]),
        // cM category valued UICC M1.
        new("de-mii-onko/Observation-mii-exa-onko-tnm-m-kategorie-cM1.json", "Patient/example", true,
            [], "IV", "unknown", "unknown", "unknown", "unknown", "unknown", "", false, [NotFound], BreastCancer: "not-found"),
        // Breast primary (363346000 + left breast) in remission, stage IIIC; brain secondary active a month later; an
        // earlier (2018) site-of-metastasis Observation valued 260413007 None: negative evidence, named with the brain
        // metastasis in one warning (rule 17), never an unrecognised site.
        new("inferno-ccrr/cancer_bundle_patient_86.json", "Patient/cancer-86", true,
            ["brain"], "III", "de-novo", "unknown", "unknown", "unknown", "unknown", "", false,
            [Disagree, "recorded stage is III, not IV"], BreastCancer: "recorded",
            WarningsAbsent: ["site of metastasis not recognised", NotFound]),
        // Registry document: the brain metastasis, the primary, the stage and the labs all name other patients as their
        // subject (rule 12), so the bundled Patient has nothing: no spread, no breast cancer. Depends on the reader's
        // subject rules (branch s5-fhir); before that merge the reader still gives the only Patient everything.
        new("inferno-ccrr/ccrr_hdea_content_bundle_example_complete.json", "Patient/example-complete-Patient", false,
            [], "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "", false,
            ["secondary-cancer-condition-brain-mets: subject Patient/cancer-patient-john-anyperson is another patient", NotFound],
            BreastCancer: "not-found"),
        // STU3 bundle: breast cancer but no stage, no receptors, no spread; Patient not in the bundle.
        new("smart-sample-data/patient-765583.fhir-bundle.json", "Patient/smart-765583", false,
            [], "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "", false, ["Condition.verificationStatus: Encountered a json primitive"]),
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
        foreach (var fragment in expected.WarningsAbsent ?? [])
            Assert.DoesNotContain(warnings, w => w.Contains(fragment, StringComparison.Ordinal));
        if (expected.BreastCancer is { } breastCancer)
            Assert.Equal(breastCancer, profile.GetProperty("breastCancer").GetString());
        var evidence = profile.GetProperty("evidence").EnumerateArray()
            .Select(e => (Fact: e.GetProperty("fact").GetString(), Source: e.GetProperty("source").GetString())).ToList();
        foreach (var fact in expected.TextFacts ?? [])
            Assert.Contains((fact, "text"), evidence);
    }

    [Fact]
    public void Profile_InfernoPatient86_NamesSpreadAndNoneWithDatesInOneWarning()
    {
        var result = Cli.Run("profile", Cli.External("inferno-ccrr/cancer_bundle_patient_86.json"));

        var warnings = Assert.Single(result.JsonLines()).GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        var disagreement = Assert.Single(warnings, w => w.Contains(Disagree, StringComparison.Ordinal));
        Assert.Contains("Condition/secondary-cancer-condition-brain-mets metastasis (2019-05-01)", disagreement, StringComparison.Ordinal);
        Assert.Contains("Observation/64472760-6ad8-eaf7-e91f-1fdd7776d724 no site of distant metastasis (2018-08-17)", disagreement, StringComparison.Ordinal);
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
