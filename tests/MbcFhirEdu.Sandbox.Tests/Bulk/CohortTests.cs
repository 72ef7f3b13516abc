using System.Net;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MbcFhirEdu.Sandbox.Features.Cohort;
using MbcFhirEdu.Sandbox.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Task = System.Threading.Tasks.Task;

namespace MbcFhirEdu.Sandbox.Tests.Bulk;

public sealed class CohortTests
{
    private static readonly JsonSerializerOptions StrictFhir = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    [Fact]
    public async Task TheSameSeed_GivesTheSameBytes_AndAnotherSeedOtherBytes()
    {
        var first = await ExportBytesAsync(seed: 7);
        var again = await ExportBytesAsync(seed: 7);
        var other = await ExportBytesAsync(seed: 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task EveryExportedLine_ParsesWithFirelysStrictReader()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 25);
        var flow = new BulkFlow(factory);
        var token = await flow.TokenAsync();
        var manifest = await flow.ExportAsync("Group/mbc-cohort/$export", token);

        var lines = await flow.ReadAllAsync(manifest, token);

        Assert.True(lines.Count > 25 * 20, $"expected about 30 resources per patient, got {lines.Count}");
        Assert.All(lines, line => Assert.NotNull(JsonSerializer.Deserialize<Resource>(line.GetRawText(), StrictFhir)));
    }

    [Fact]
    public void AGeneratedCohort_IsClinicallyVaried()
    {
        var store = Store(size: 300);
        var conditions = Enumerable.Range(0, 300).SelectMany(i => store.Resources(i, "Condition", [])).Cast<Condition>().ToList();
        var observations = Enumerable.Range(0, 300).SelectMany(i => store.Resources(i, "Observation", [])).Cast<Observation>().ToList();
        var patients = Enumerable.Range(0, 300).SelectMany(i => store.Resources(i, "Patient", [])).Cast<Patient>().ToList();
        var codes = conditions.SelectMany(c => c.Code!.Coding.Concat(c.BodySite.SelectMany(b => b.Coding))).Select(c => c.Code ?? "").ToHashSet();
        var tests = observations.Where(o => o.Code is not null).Select(o => o.Code.Coding[0].Code ?? "").ToHashSet();
        var genes = observations.SelectMany(o => o.Component).Select(c => (c.Value as CodeableConcept)?.Coding[0].Display ?? "").ToHashSet();

        Assert.True(codes.Overlaps(["94222008", "272673000", "C79.51"]) && codes.Overlaps(["94381002", "10200004", "C78.7"])
            && codes.Overlaps(["94391008", "39607008", "C78.00"]) && codes.Overlaps(["94225005", "12738006", "C79.31"]), "every metastatic site appears");
        string[] expectedTests = ["85337-4", "85339-0", "85319-2", "85318-4", "83052-1", "69548-6", "718-7", "8867-4"];
        Assert.True(tests.IsSupersetOf(expectedTests), "missing: " + string.Join(", ", expectedTests.Except(tests)));
        Assert.True(genes.IsSupersetOf(["PIK3CA", "ESR1"]), string.Join(",", genes));
        Assert.Contains(patients, p => p.Deceased is not null);
        Assert.Contains(patients, p => p.Deceased is null);
        Assert.Contains(conditions, c => c.Id!.EndsWith("-primary", StringComparison.Ordinal) && c.Code!.Coding.Any(x => x.Code == "254837009"));
        Assert.InRange(observations.Count + conditions.Count + patients.Count, 300 * 30, 300 * 40);
    }

    [Fact]
    public async Task AGeneratedPatient_CanBeReadAndSearchedLikeAHandMadeOne()
    {
        await using var factory = BulkFlow.Factory(cohortSize: 5);
        var flow = new BulkFlow(factory);
        var smart = new SmartFlow(factory.CreateSandboxClient());
        var token = await flow.TokenAsync();

        var patient = await SmartFlow.ReadJsonAsync(await smart.GetFhirAsync("Patient/cohort-000003", token));
        var conditions = await SmartFlow.ReadJsonAsync(await smart.GetFhirAsync("Condition?patient=cohort-000003", token));
        using var outside = await smart.GetFhirAsync("Patient/cohort-000005", token);

        Assert.Equal("cohort-000003", patient.GetProperty("id").GetString());
        Assert.Contains(conditions.GetProperty("entry").EnumerateArray(), e => e.GetProperty("resource").GetProperty("id").GetString() == "cohort-000003-primary");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    private static async Task<byte[]> ExportBytesAsync(int seed)
    {
        await using var factory = BulkFlow.Factory(cohortSize: 6, more: new Dictionary<string, string?> { ["Sandbox:Cohort:Seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var flow = new BulkFlow(factory);
        var token = await flow.TokenAsync();
        var manifest = await flow.ExportAsync("Group/mbc-cohort/$export", token);
        using var bytes = new MemoryStream();
        foreach (var file in manifest.GetProperty("output").EnumerateArray())
        {
            using var response = await flow.SendAsync(HttpMethod.Get, file.GetProperty("url").GetString()!, token, prefer: null);
            await response.Content.CopyToAsync(bytes);
        }
        return bytes.ToArray();
    }

    private static CohortStore Store(int size) =>
        new(Options.Create(new SandboxCohortOptions { Size = size, Seed = 18, ResourcesPerPatient = 35 }), TimeProvider.System);
}
