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

        Assert.Equal("bone-emergency-signs", ids[0]);
        Assert.True(set.GetProperty("materials")[0].GetProperty("urgent").GetBoolean());
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
    public void Recommend_Spanish_ServesSpanishWhereItExistsAndMarksFallbacks()
    {
        var set = RecommendOne(Cli.External(Patient01), "--lang", "es");
        var materials = set.GetProperty("materials").EnumerateArray().ToList();

        Assert.Equal("es", set.GetProperty("language").GetString());
        var bone = materials.Single(m => m.GetProperty("id").GetString() == "bone-metastases");
        Assert.Equal("es", bone.GetProperty("materialLanguage").GetString());
        Assert.False(bone.TryGetProperty("fallback", out _));
        var esr1 = materials.Single(m => m.GetProperty("id").GetString() == "variant-esr1");
        Assert.Equal("en", esr1.GetProperty("materialLanguage").GetString());
        Assert.True(esr1.GetProperty("fallback").GetBoolean());
        Assert.Contains("huesos", bone.GetProperty("reasons")[0].GetString());
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

    [Fact]
    public void Recommend_NonMetastatic_GetsNoSiteOrStageIvMaterialsAndANote()
    {
        var set = RecommendOne(Cli.External("mcode-ig/Bundle-mcode-patient-bundle-jenny-m.json"));
        var ids = Ids(set);

        Assert.Contains("hr-positive", ids);
        Assert.Contains("coping-and-support", ids);
        Assert.DoesNotContain("what-is-metastatic-breast-cancer", ids);
        Assert.DoesNotContain("treatment-goals", ids);
        Assert.DoesNotContain(ids, id => id.Contains("metastases") || id.Contains("emergency"));
        Assert.Contains(set.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("metastatic", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Recommend_UnknownReceptors_LeadToUnderstandingYourResultsNeverAGuess()
    {
        var set = RecommendOne(Cli.External("mcode-ig/Condition-secondary-cancer-condition-brain-mets.json"));
        var ids = Ids(set);

        Assert.Contains("understanding-your-results", ids);
        Assert.Contains("brain-emergency-signs", ids);
        foreach (var id in new[] { "hr-positive", "her2-positive", "her2-low", "triple-negative" })
            Assert.DoesNotContain(id, ids);
    }
}
