using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Matching;
using MbcFhirEdu.Fhir.Input;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests;

/// <summary>
/// Loading a record live (four FHIR searches through SMART) loses nothing the profile needs: for every sandbox
/// patient, the page lists exactly what the engine picks from that patient's Bundle file.
/// </summary>
public sealed class FileParityTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    public static TheoryData<string> SandboxPatients => new(Directory
        .EnumerateFiles(DataFolder, "Bundle-*.json")
        .Select(f => Path.GetFileNameWithoutExtension(f)["Bundle-".Length..])
        .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(SandboxPatients))]
    public async Task LivePage_ListsWhatTheEnginePicksFromTheBundleFile(string patient)
    {
        var html = await Launches.AsPatientAsync(factory.NewBrowser(), patient);

        Assert.Equal(Expected(patient), Html.MaterialIds(html));
    }

    private IReadOnlyList<string> Expected(string patient)
    {
        var read = FhirInput.Read(Path.Combine(DataFolder, $"Bundle-{patient}.json"));
        var data = Assert.Single(read.Patients);
        var profile = ProfileExtractor.Extract(data);
        var catalog = factory.Services.GetRequiredService<MaterialLibrary>().Catalog;
        var set = MatchingEngine.Recommend(profile, catalog, new MatchRequest
        {
            Language = profile.Language,
            Policy = new MatchPolicy { Today = DateOnly.FromDateTime(DateTime.UtcNow) },
            Sex = data.Patient.Gender,
        });
        return [.. set.Items.Select(i => i.MaterialId)];
    }

    private static string DataFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "src", "MbcFhirEdu.Sandbox", "Data");
                if (Directory.Exists(candidate)) return candidate;
            }
            throw new DirectoryNotFoundException("src/MbcFhirEdu.Sandbox/Data not found above the test folder.");
        }
    }
}
