using System.Text;
using MbcFhirEdu.Fhir.Bulk;

namespace MbcFhirEdu.Fhir.Tests.Bulk;

/// <summary>Error files: OperationOutcome NDJSON into bounded "code: text" lines.</summary>
public sealed class BulkErrorFileTests
{
    private static MemoryStream Ndjson(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Join('\n', lines)));

    [Fact]
    public async Task EachIssue_BecomesALine_WarningsMarked_AndAnUnreadableLineSaysWhich()
    {
        using var file = Ndjson(
            BulkResponses.Outcome("not-found", "Observation obs-9 could not be read"),
            BulkResponses.Outcome("informational", "3 resources were skipped", "warning"),
            "",
            "not json");

        var lines = await BulkErrorFile.ReadAsync(file, 10, CancellationToken.None);

        Assert.Equal(["not-found: Observation obs-9 could not be read", "warning informational: 3 resources were skipped",
            "invalid: line 4 is not an OperationOutcome with issues"], lines);
    }

    [Fact]
    public async Task LongErrorFile_IsCutAtMaxLines_WithACountOfTheRest()
    {
        using var file = Ndjson([.. Enumerable.Range(1, 50).Select(i => BulkResponses.Outcome("processing", $"failure {i}"))]);

        var lines = await BulkErrorFile.ReadAsync(file, 3, CancellationToken.None);

        Assert.Equal(["processing: failure 1", "processing: failure 2", "processing: failure 3",
            "too-costly: 47 more issues in this error file were not read"], lines);
    }

    [Fact]
    public async Task ErrorFileFromTheServer_IsReadThroughTheClient()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);
        server.Handle = c => BulkResponses.WriteAsync(c, 200, BulkResponses.Outcome("exception", "Condition export stopped"), "application/fhir+ndjson");

        var lines = await BulkErrorFile.ReadAsync(host.Client, new BulkExportFile("OperationOutcome", server.Url("/files/err.ndjson"), null), true,
            10, CancellationToken.None);

        Assert.Equal(["exception: Condition export stopped"], lines);
        Assert.Equal("Bearer tok-1", Assert.Single(server.Requests).Authorization);
    }
}
