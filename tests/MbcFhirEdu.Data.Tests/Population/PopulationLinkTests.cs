using MbcFhirEdu.Core.Population;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Data.Population;
using MbcFhirEdu.Tests.Shared;
using static MbcFhirEdu.Data.Tests.Population.Fhir;

namespace MbcFhirEdu.Data.Tests.Population;

/// <summary>Patient records joined by Patient.link in one export are one person: compared once, under the surviving record.</summary>
public abstract class PopulationLinkTests(TestDatabase database)
{
    private readonly Uri _base = new($"http://localhost/fhir-{Guid.NewGuid():N}/");

    private PopulationTestStore Store => new(database, _base);

    private PopulationRunner Runner(FakeBulkClient client) => Store.Runner(client);

    private PopulationRunRequest Request() => Store.Request();

    private static string Linked(string id, params (string Type, string Other)[] links) =>
        $$"""{"resourceType":"Patient","id":"{{id}}","gender":"female","link":[{{string.Join(",", links.Select(l => $$"""{"other":{"reference":"Patient/{{l.Other}}"},"type":"{{l.Type}}"}"""))}}]}""";

    // old-1 was merged into new-1 in the EHR: the liver metastasis is still recorded against the old record.
    private FakeBulkClient Merged() => new(_base)
    {
        Files =
        [
            ("Patient", Lines(Linked("old-1", ("replaced-by", "new-1")), Linked("new-1", ("replaces", "old-1")), Patient("solo"))),
            ("Condition", Lines(BreastPrimary("old-1"), Liver("old-1"), BreastPrimary("new-1"), BreastPrimary("solo"), Bone("solo"))),
        ],
    };

    [Fact]
    public async Task A_record_replaced_by_another_in_the_export_is_compared_with_it_as_one_person_and_listed_once()
    {
        var summary = await Runner(Merged()).RunAsync(Request(), CancellationToken.None);

        Assert.Equal("completed", summary.Status);
        Assert.Equal(2, summary.PatientsProcessed);
        Assert.Equal("new-1:NoMaterialsSent; solo:NoMaterialsSent", Describe(await Store.OpenEntriesAsync()));
        Assert.Contains("Patient/old-1 and Patient/new-1 are one person (Patient.link): compared together as Patient/new-1", summary.Warnings);
        Assert.Contains("liver", await Store.SnapshotAsync("new-1"), StringComparison.Ordinal);
        Assert.Null(await Store.SnapshotAsync("old-1"));
    }

    [Fact]
    public async Task A_record_replaced_by_one_not_in_the_export_is_not_compared_and_the_warning_names_both()
    {
        var client = new FakeBulkClient(_base)
        {
            Files =
            [
                ("Patient", Lines(Linked("old-2", ("replaced-by", "elsewhere-2")))),
                ("Condition", Lines(BreastPrimary("old-2"), Liver("old-2"))),
            ],
        };

        var summary = await Runner(client).RunAsync(Request(), CancellationToken.None);

        Assert.Equal(0, summary.PatientsProcessed);
        Assert.Empty(await Store.OpenEntriesAsync());
        Assert.Contains("Patient/old-2 is replaced by Patient/elsewhere-2 (Patient.link), which is not in the export; not compared", summary.Warnings);
    }

    [Fact]
    public async Task When_only_the_merged_record_changes_the_surviving_record_is_compared_with_it_and_an_old_entry_of_the_merged_record_closes()
    {
        var client = new FakeBulkClient(_base)
        {
            Files = [("Patient", Lines(Patient("old-3"), Patient("new-3"))), ("Condition", Lines(BreastPrimary("old-3"), Liver("old-3"), BreastPrimary("new-3")))],
        };
        await Runner(client).RunAsync(Request(), CancellationToken.None);
        Assert.Equal("old-3:NoMaterialsSent", Describe(await Store.OpenEntriesAsync()));
        // The EHR merges old-3 into new-3: only the old record's Patient changed.
        client.Files = [("Patient", Lines(Linked("old-3", ("replaced-by", "new-3"))))];
        client.TransactionTime = client.TransactionTime.AddDays(1);

        var summary = await Runner(client).RunAsync(Request(), CancellationToken.None);

        Assert.NotNull(client.KickOffs[1].Since);
        Assert.Equal(1, summary.PatientsProcessed);
        Assert.Equal("new-3:NoMaterialsSent; new-3:MetastaticNewlyRecorded; new-3:NewSite", Describe(await Store.OpenEntriesAsync()));
        var closed = await Store.ClosedByAsync("old-3");
        Assert.EndsWith(": merged into Patient/new-3 (Patient.link)", Assert.Single(closed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_that_only_see_each_other_are_one_person_under_the_smallest_id_with_a_warning()
    {
        var client = new FakeBulkClient(_base)
        {
            Files =
            [
                ("Patient", Lines(Linked("b-4", ("seealso", "a-4")), Linked("a-4", ("seealso", "b-4")))),
                ("Condition", Lines(BreastPrimary("a-4"), BreastPrimary("b-4"), Bone("b-4"))),
            ],
        };

        var summary = await Runner(client).RunAsync(Request(), CancellationToken.None);

        Assert.Equal("a-4:NoMaterialsSent", Describe(await Store.OpenEntriesAsync()));
        Assert.Contains("Patient records Patient/a-4, Patient/b-4 are joined by Patient.link without one surviving record (replaced-by/replaces); compared together as Patient/a-4",
            summary.Warnings);
    }

    private static string Describe(IEnumerable<WorklistEntryRecord> entries) =>
        string.Join("; ", entries.Select(e => $"{e.PatientId}:{(WorklistReason)e.Reason}"));
}

public sealed class SqlitePopulationLinkTests(SqliteTestDatabase database) : PopulationLinkTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresPopulationLinkTests(PostgresTestDatabase database) : PopulationLinkTests(database), IClassFixture<PostgresTestDatabase>;
