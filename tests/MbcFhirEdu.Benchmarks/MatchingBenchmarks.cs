using BenchmarkDotNet.Attributes;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Materials;
using MbcFhirEdu.Core.Matching;

namespace MbcFhirEdu.Benchmarks;

/// <summary>Issue 3's figure: profiles matched per second on the full catalog (38 English + 17 Spanish materials).</summary>
[MemoryDiagnoser]
[MedianColumn]
public class MatchingBenchmarks
{
    private const int Profiles = 64;
    private MaterialCatalog catalog = new([]);
    private readonly List<(ClinicalProfile Profile, MatchRequest Request)> inputs = [];

    [GlobalSetup]
    public void Setup()
    {
        catalog = MaterialCatalog.Load(FindContentRoot()).Catalog;
        string[][] siteSets = [["bone"], ["bone", "liver"], ["brain", "lung"], ["pleura", "lymph-nodes"], [], ["skin", "adrenal"]];
        string[] her2 = ["positive", "low", "zero", "unknown"];
        var today = new DateOnly(2026, 11, 22);
        for (var i = 0; i < Profiles; i++)
        {
            var date = today.AddDays(-30 * i);
            var sites = siteSets[i % siteSets.Length];
            var profile = new ClinicalProfile
            {
                Patient = $"Patient/p{i}",
                BreastCancer = ProfileValues.Recorded,
                Metastatic = i % 7 != 0,
                Sites = sites,
                Stage = i % 7 != 0 ? "IV" : "II",
                Er = i % 3 == 0 ? "negative" : "positive",
                Pr = i % 3 == 0 ? "negative" : "low",
                Her2 = her2[i % her2.Length],
                Subtype = i % 3 == 0 && her2[i % her2.Length] is "zero" or "low" ? "triple-negative" : "unknown",
                Recurrence = i % 2 == 0 ? "de-novo" : "distant-recurrence",
                ReceptorChange = i % 5 == 0,
                Variants = i % 4 == 0 ? new Dictionary<string, string> { ["PIK3CA"] = "detected" } : new Dictionary<string, string>(),
                Evidence = [.. sites.Select(s => new Evidence($"site:{s}", $"Condition/c{i}{s}", date))],
            };
            var request = new MatchRequest
            {
                Language = i % 4 == 1 ? "es" : "en",
                Audience = i % 8 == 3 ? Audience.Clinician : Audience.Patient,
                Policy = new MatchPolicy { Today = today, HoldRecentDays = i % 6 == 0 ? 14 : 0 },
                Sex = i % 9 == 0 ? "male" : "female",
            };
            inputs.Add((profile, request));
        }
    }

    [Benchmark(OperationsPerInvoke = Profiles, Description = "recommend, per profile")]
    public int Recommend()
    {
        var total = 0;
        foreach (var (profile, request) in inputs) total += MatchingEngine.Recommend(profile, catalog, request).Items.Count;
        return total;
    }

    private static string FindContentRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "MbcFhirEdu.Content");
            if (Directory.Exists(Path.Combine(candidate, "en"))) return candidate;
        }
        throw new InvalidOperationException("src/MbcFhirEdu.Content not found above " + AppContext.BaseDirectory);
    }
}
