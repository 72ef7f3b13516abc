using MbcFhirEdu.Data.Population;
using MbcFhirEdu.Tests.Shared;
using static MbcFhirEdu.Data.Tests.Population.Fhir;

namespace MbcFhirEdu.Data.Tests.Population;

/// <summary>An incremental run reads the manifest's <c>deleted</c> files: what the EHR deleted leaves staging and the profile.</summary>
public abstract class PopulationDeletionTests(TestDatabase database)
{
    private readonly Uri _base = new($"http://localhost/fhir-{Guid.NewGuid():N}/");

    private PopulationTestStore Store => new(database, _base);

    private PopulationRunner Runner(FakeBulkClient client) => Store.Runner(client);

    private PopulationRunRequest Request() => Store.Request();

    private FakeBulkClient Cohort() => new(_base)
    {
        Files =
        [
            ("Patient", Lines(Patient("p1"), Patient("p2"))),
            ("Condition", Lines(BreastPrimary("p1"), Liver("p1"), Bone("p1"), BreastPrimary("p2"), Bone("p2"))),
        ],
    };

    private static string Deleted(params string[] urls) =>
        Lines("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" +
              string.Join(",", urls.Select(u => "{\"request\":{\"method\":\"DELETE\",\"url\":\"" + u + "\"}}")) + "]}");

    // The next export: incremental, holding only the deletions (and whatever the test adds).
    private static void NextExport(FakeBulkClient client, params string[] deleted)
    {
        client.Files = [];
        client.DeletedFiles = [Deleted(deleted)];
        client.TransactionTime = client.TransactionTime.AddDays(1);
    }

    [Fact]
    public async Task A_resource_deleted_in_the_EHR_leaves_staging_and_the_patient_is_compared_again_without_a_finding()
    {
        var client = Cohort();
        await Runner(client).RunAsync(Request(), CancellationToken.None);
        var before = await Store.OpenEntriesAsync();
        var snapshotBefore = await Store.SnapshotAsync("p1");
        NextExport(client, "Condition/liver-p1");

        var summary = await Runner(client).RunAsync(Request(), CancellationToken.None);

        Assert.Equal("completed", summary.Status);
        Assert.NotNull(client.KickOffs[1].Since);
        Assert.Equal(1, summary.PatientsProcessed);
        Assert.Equal(0, summary.WorklistEntriesAdded);
        Assert.Equal(["bone-p1", "primary-p1"], await Store.StagedAsync("p1"));
        Assert.Contains("liver", snapshotBefore, StringComparison.Ordinal);
        Assert.DoesNotContain("liver", await Store.SnapshotAsync("p1"), StringComparison.Ordinal);
        Assert.Equal(before.Select(e => e.Id), (await Store.OpenEntriesAsync()).Select(e => e.Id));
    }

    [Fact]
    public async Task A_resource_in_the_exports_output_is_kept_whatever_its_deleted_file_says()
    {
        var client = Cohort();
        await Runner(client).RunAsync(Request(), CancellationToken.None);
        NextExport(client, "Condition/liver-p1");
        client.Files = [("Condition", Lines(Liver("p1", onset: "2026-11-30")))];

        await Runner(client).RunAsync(Request(), CancellationToken.None);

        Assert.Equal(["bone-p1", "liver-p1", "primary-p1"], await Store.StagedAsync("p1"));
    }

    [Fact]
    public async Task A_deleted_Patient_takes_its_staged_record_and_its_open_entries_with_it()
    {
        var client = Cohort();
        await Runner(client).RunAsync(Request(), CancellationToken.None);
        Assert.Contains(await Store.OpenEntriesAsync(), e => e.PatientId == "p2");
        NextExport(client, "Patient/p2");

        var summary = await Runner(client).RunAsync(Request(), CancellationToken.None);

        Assert.Equal("completed", summary.Status);
        Assert.Empty(await Store.StagedAsync("p2"));
        Assert.DoesNotContain(await Store.OpenEntriesAsync(), e => e.PatientId == "p2");
        Assert.Contains(await Store.OpenEntriesAsync(), e => e.PatientId == "p1");
        Assert.Null(await Store.SnapshotAsync("p2"));
    }

    [Fact]
    public async Task Unreadable_lines_of_a_deleted_file_are_warnings_naming_the_line_and_the_rest_is_applied()
    {
        var client = Cohort();
        await Runner(client).RunAsync(Request(), CancellationToken.None);
        NextExport(client, "Condition/bone-p2");
        client.DeletedFiles = [client.DeletedFiles[0] + "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"request\":{\"method\":\"DELETE\",\"url\":\"Condition\"}}]}\n"];

        var summary = await Runner(client).RunAsync(Request(), CancellationToken.None);

        Assert.Equal("completed", summary.Status);
        Assert.Contains("file 0 (deleted): line 2 entry 1: request.url is not Type/id; its resources stay staged until the next full export", summary.Warnings);
        Assert.Equal(["primary-p2"], await Store.StagedAsync("p2"));
    }
}

public sealed class SqlitePopulationDeletionTests(SqliteTestDatabase database) : PopulationDeletionTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresPopulationDeletionTests(PostgresTestDatabase database) : PopulationDeletionTests(database), IClassFixture<PostgresTestDatabase>;
