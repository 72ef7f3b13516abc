using System.Text.Json;

namespace MbcFhirEdu.Cli.Tests;

/// <summary><c>mbcedu recommend</c> on public data, with the real content library.</summary>
public sealed class RecommendCommandTests
{
    private const string Patient01 = "codex-trial-matching/ctm-app_TrialMatching_Patient01.json";

    private static JsonElement RecommendOne(params string[] args)
    {
        var result = Cli.Run(["recommend", .. args]);
        Assert.True(result.ExitCode == 0, result.Error);
        return Assert.Single(result.JsonLines());
    }

    private static List<string> Ids(JsonElement set) =>
        set.GetProperty("materials").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList();

    [Fact]
    public void Recommend_BoneLiverNodesHrPositive_GivesUrgentBoneGuidanceFirstAndNoHer2Materials()
    {
        var set = RecommendOne(Cli.External(Patient01));
        var ids = Ids(set);

        // The universal warning signs lead (once the library has them; content check requires them), then the bone ones.
        var urgent = set.GetProperty("materials").EnumerateArray().TakeWhile(m => m.GetProperty("urgent").GetBoolean())
            .Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.Contains("signs-that-need-help-now") ? ["signs-that-need-help-now", "bone-emergency-signs"] : ["bone-emergency-signs"], urgent);
        foreach (var id in new[] { "bone-metastases", "liver-metastases", "lymph-node-metastases", "hr-positive", "variant-pik3ca", "variant-esr1", "what-is-metastatic-breast-cancer" })
            Assert.Contains(id, ids);
        foreach (var id in new[] { "her2-positive", "her2-low", "triple-negative", "brain-metastases", "men-with-breast-cancer", "understanding-your-results" })
            Assert.DoesNotContain(id, ids);
        Assert.True(ids.IndexOf("bone-metastases") < ids.IndexOf("hr-positive"));
        Assert.True(ids.IndexOf("hr-positive") < ids.IndexOf("coping-and-support"));
    }

    [Fact]
    public void Recommend_EveryMaterialHasAReasonAndTheContractFields()
    {
        var set = RecommendOne(Cli.External(Patient01));

        Assert.Equal("Patient/mCODETrialMatchingPatientExample01", set.GetProperty("patient").GetString());
        Assert.Equal("en", set.GetProperty("language").GetString());
        foreach (var material in set.GetProperty("materials").EnumerateArray())
        {
            Assert.False(string.IsNullOrWhiteSpace(material.GetProperty("title").GetString()));
            Assert.NotEmpty(material.GetProperty("topics").EnumerateArray());
            Assert.NotEmpty(material.GetProperty("reasons").EnumerateArray());
            Assert.True(material.GetProperty("urgent").ValueKind is JsonValueKind.True or JsonValueKind.False);
        }
        var bone = set.GetProperty("materials").EnumerateArray().First(m => m.GetProperty("id").GetString() == "bone-metastases");
        Assert.Contains("bone", bone.GetProperty("reasons")[0].GetString());
    }

    [Fact]
    public void Recommend_Spanish_ServesOnlySpanishMaterials()
    {
        var set = RecommendOne(Cli.External(Patient01), "--lang", "es");
        var materials = set.GetProperty("materials").EnumerateArray().ToList();

        Assert.Equal("es", set.GetProperty("language").GetString());
        Assert.Contains(materials, m => m.GetProperty("id").GetString() == "variant-esr1");
        Assert.All(materials, m => Assert.Equal("es", m.GetProperty("materialLanguage").GetString()));
        Assert.All(materials, m => Assert.False(m.TryGetProperty("fallback", out _)));
        var bone = materials.Single(m => m.GetProperty("id").GetString() == "bone-metastases");
        Assert.Contains("huesos", bone.GetProperty("reasons")[0].GetString());
    }

    [Fact]
    public void Recommend_Spanish_ForEverySandboxPatient_ServesOnlySpanishMaterials()
    {
        // Issue 17: every English material has a Spanish version, so no Spanish reader meets an English page.
        var bundles = Directory.GetFiles(Path.Combine(Cli.RepoRoot, "src", "MbcFhirEdu.Sandbox", "Data"), "Bundle-*.json");
        Assert.True(bundles.Length >= 15, $"expected the sandbox's patients, found {bundles.Length} bundles");
        var served = 0;
        foreach (var bundle in bundles)
        {
            var result = Cli.Run("recommend", bundle, "--lang", "es");
            Assert.True(result.ExitCode == 0, $"{Path.GetFileName(bundle)}: {result.Error}");
            foreach (var set in result.JsonLines())
            {
                Assert.Equal("es", set.GetProperty("language").GetString());
                foreach (var material in set.GetProperty("materials").EnumerateArray())
                {
                    var where = $"{Path.GetFileName(bundle)}: {material.GetProperty("id").GetString()}";
                    Assert.True(material.GetProperty("materialLanguage").GetString() == "es", where + " is not in Spanish");
                    Assert.False(material.TryGetProperty("fallback", out _), where + " fell back to English");
                    served++;
                }
            }
        }
        Assert.True(served > bundles.Length, $"only {served} materials for {bundles.Length} patients");
    }

    [Fact]
    public void Recommend_Clinician_SeesResourceIdsAndEvidence()
    {
        var set = RecommendOne(Cli.External(Patient01), "--audience", "clinician");
        var liver = set.GetProperty("materials").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "liver-metastases");

        Assert.Contains("Condition/mCODETrialMatchingSecondaryCancerCondition02PatientExample01", liver.GetProperty("reasons")[0].GetString());
        Assert.Contains(liver.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("resource").GetString() == "Condition/mCODETrialMatchingSecondaryCancerCondition02PatientExample01");
    }

    [Fact]
    public void Recommend_PatientAudience_NeverShowsResourceIds()
    {
        var set = RecommendOne(Cli.External(Patient01));

        foreach (var material in set.GetProperty("materials").EnumerateArray())
        {
            Assert.False(material.TryGetProperty("evidence", out _));
            Assert.All(material.GetProperty("reasons").EnumerateArray(), r => Assert.DoesNotContain("Condition/", r.GetString()));
        }
    }

    /// <summary>
    /// Issue 13 item 3: a non-metastatic patient gets no material whose title, summary or text says the cancer has
    /// spread (those are gated on stage:iv in their front matter), and a note says what was held back and why.
    /// </summary>
    [Fact]
    public void Recommend_NonMetastatic_GetsNothingThatSaysTheCancerHasSpreadAndANote()
    {
        var set = RecommendOne(Cli.External("mcode-ig/Bundle-mcode-patient-bundle-jenny-m.json"));
        var ids = Ids(set);
        var catalog = MbcFhirEdu.Core.Materials.MaterialCatalog.Load(Cli.ContentRoot).Catalog;

        Assert.DoesNotContain("what-is-metastatic-breast-cancer", ids);
        Assert.DoesNotContain("treatment-goals", ids);
        Assert.DoesNotContain(ids, id => id.Contains("metastases") || id.Contains("emergency"));
        foreach (var id in ids)
        {
            var material = catalog.Find(id, "en")!;
            Assert.False(SaysSpread(material), $"{id} tells a non-metastatic patient the cancer has spread");
        }
        var note = Assert.Single(set.GetProperty("notes").EnumerateArray()).GetString()!;
        Assert.Contains("materials written for cancer that has spread are not shown", note);
        Assert.DoesNotContain("do not show", note);
    }

    [Fact]
    public void Recommend_NoBreastCancerRecorded_PrintsNoMaterialsAndThePlainNote()
    {
        var json = Bundle("""
            {"resource":{"resourceType":"Condition","id":"anaemia","subject":{"reference":"Patient/p1"},
             "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
             "verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"confirmed"}]},
             "code":{"coding":[{"system":"http://snomed.info/sct","code":"271737000","display":"Anemia"}]}}}
            """);
        var (patient, clinician) = WithTempFile(json, path => (RecommendOne(path), RecommendOne(path, "--audience", "clinician")));

        Assert.Empty(patient.GetProperty("materials").EnumerateArray());
        Assert.Contains(patient.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("No breast cancer diagnosis was found in the record"));
        Assert.Empty(clinician.GetProperty("materials").EnumerateArray());
        Assert.Contains(clinician.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("No breast cancer diagnosis was found in the record"));
    }

    private static bool SaysSpread(MbcFhirEdu.Core.Materials.Material material) =>
        new[] { material.Title, material.Summary, material.Body }.Any(t =>
            System.Text.RegularExpressions.Regex.IsMatch(t, @"\bmetasta|\bstage\s+IV\b|\b(?:has|had|have)\s+spread\b|\bspread\s+cancer\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase));

    [Fact]
    public void Recommend_UnknownReceptors_LeadToUnderstandingYourResultsNeverAGuess()
    {
        var ids = WithTempFile(Bundle(Condition("primary", "254837009", "2019-01-10"), Condition("brain", "94225005", "2019-05-01")), path => Ids(RecommendOne(path)));

        Assert.Contains("understanding-your-results", ids);
        Assert.Contains("brain-emergency-signs", ids);
        foreach (var id in new[] { "hr-positive", "her2-positive", "her2-low", "triple-negative" })
            Assert.DoesNotContain(id, ids);
    }

    /// <summary>CODES.md rule 15: a brain metastasis with no breast primary in the file is not breast cancer spread.</summary>
    [Fact]
    public void Recommend_SecondaryCancerWithoutABreastPrimary_GetsNothingAndTheNote()
    {
        var set = RecommendOne(Cli.External("mcode-ig/Condition-secondary-cancer-condition-brain-mets.json"));

        Assert.Empty(Ids(set));
        Assert.Contains(set.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("No breast cancer diagnosis was found in the record"));
    }

    private static string Bundle(params string[] conditions) =>
        """{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","id":"p1","gender":"female"}},""" +
        string.Join(",", conditions) + "]}";

    private static string Condition(string id, string snomed, string onset) =>
        $$$"""
        {"resource":{"resourceType":"Condition","id":"{{{id}}}","subject":{"reference":"Patient/p1"},
         "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
         "verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"confirmed"}]},
         "code":{"coding":[{"system":"http://snomed.info/sct","code":"{{{snomed}}}"}]},"onsetDateTime":"{{{onset}}}"}}
        """;

    private static T WithTempFile<T>(string json, Func<string, T> use)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mbcedu-recommend-{Guid.NewGuid():n}.json");
        File.WriteAllText(path, json);
        try
        {
            return use(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
