using MbcFhirEdu.Fhir.Bulk;
using Microsoft.AspNetCore.Http;

namespace MbcFhirEdu.Fhir.Tests.Bulk;

/// <summary>Status polling: Retry-After (seconds and HTTP date), X-Progress, transient answers, final errors, the deadline, the manifest.</summary>
public sealed class BulkStatusPollTests
{
    private const int InProgressEvent = 2703;
    private const int TransientEvent = 2704;

    private static Func<HttpContext, Task> Complete(BulkLoopbackServer server) => c => BulkResponses.WriteAsync(c, 200,
        BulkResponses.Manifest(true, [("Patient", server.Url("/files/patient-1.ndjson"), 3), ("Condition", server.Url("/files/condition-1.ndjson"), 5)],
            [("OperationOutcome", server.Url("/files/errors-1.ndjson"))]), "application/json");

    private static long DelayMs(BulkClientHost.LogEntries.Entry entry) => Convert.ToInt64(entry.Values["DelayMs"], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task InProgress_WaitsTheRetryAfterSeconds_LogsXProgress_AndReadsTheManifest()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);
        server.Handle = BulkResponses.InTurn(
            c => BulkResponses.WriteAsync(c, 202, headers: [("Retry-After", "1"), ("X-Progress", "40% of Condition written")]),
            Complete(server));
        var status = server.Url("/fhir/status/job-1");

        var manifest = await host.Client.WaitForManifestAsync(status, CancellationToken.None);

        var progress = Assert.Single(host.Logs.Event(InProgressEvent));
        Assert.Equal("40% of Condition written", progress.Values["Progress"]);
        Assert.Equal(1000, DelayMs(progress));
        Assert.Equal(status, manifest.StatusUrl);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 30, 0, 123, TimeSpan.Zero), manifest.TransactionTime);
        Assert.True(manifest.RequiresAccessToken);
        Assert.Equal([new BulkExportFile("Patient", server.Url("/files/patient-1.ndjson"), 3), new BulkExportFile("Condition", server.Url("/files/condition-1.ndjson"), 5)],
            manifest.Output);
        Assert.Equal(new BulkExportFile("OperationOutcome", server.Url("/files/errors-1.ndjson"), null), Assert.Single(manifest.Errors));
        Assert.All(server.To("/fhir/status/job-1"), r => Assert.Equal("Bearer tok-1", r.Authorization));
    }

    [Fact]
    public async Task RetryAfterAsAnHttpDate_IsWaitedUntil()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);
        server.Handle = BulkResponses.InTurn(
            c => BulkResponses.WriteAsync(c, 202, headers: ("Retry-After", DateTimeOffset.UtcNow.AddSeconds(3).ToString("R"))),
            Complete(server));

        await host.Client.WaitForManifestAsync(server.Url("/fhir/status/job-2"), CancellationToken.None);

        // The date is to the second, so the wait is between 2 and 3 s; without reading it, the poll interval (10 ms) applies.
        Assert.InRange(DelayMs(Assert.Single(host.Logs.Event(InProgressEvent))), 1000, 3000);
    }

    [Fact]
    public async Task RetryAfterLongerThanMaxPollInterval_IsCapped()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server, new() { ["BulkData:MaxPollInterval"] = "00:00:00.050" });
        server.Handle = BulkResponses.InTurn(c => BulkResponses.WriteAsync(c, 202, headers: ("Retry-After", "3600")), Complete(server));

        await host.Client.WaitForManifestAsync(server.Url("/fhir/status/job-3"), CancellationToken.None);

        Assert.Equal(50, DelayMs(Assert.Single(host.Logs.Event(InProgressEvent))));
    }

    public static TheoryData<int, string?> TransientAnswers => new()
    {
        { 429, null },
        { 503, null },
        { 500, BulkResponses.Outcome("transient", "database busy") },
        { 400, BulkResponses.Outcome("throttled", "slow down") },
    };

    [Theory]
    [MemberData(nameof(TransientAnswers))]
    public async Task TransientAnswer_IsPolledAgainPastThePlatformRetries(int status, string? body)
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);
        // Four in a row: more than the resilience pipeline's own three tries, so the poll loop has to wait and ask again.
        var transient = (Func<HttpContext, Task>)(c => BulkResponses.WriteAsync(c, status, body, headers: ("Retry-After", "0")));
        server.Handle = BulkResponses.InTurn(transient, transient, transient, transient, Complete(server));

        var manifest = await host.Client.WaitForManifestAsync(server.Url("/fhir/status/job-4"), CancellationToken.None);

        Assert.Equal(2, manifest.Output.Count);
        Assert.Equal(5, server.To("/fhir/status/job-4").Count);
        Assert.NotEmpty(host.Logs.Event(TransientEvent));
    }

    [Fact]
    public async Task FinalErrorWithOperationOutcome_IsABulkExportExceptionNamingStepPathAndIssueText()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);
        server.Handle = c => BulkResponses.WriteAsync(c, 500, BulkResponses.Outcome("processing", "Export failed: the Condition table is gone"));

        var error = await Assert.ThrowsAsync<BulkExportException>(() =>
            host.Client.WaitForManifestAsync(server.Url("/fhir/status/job-5"), CancellationToken.None));

        Assert.Equal("status poll: 500 from /fhir/status/job-5 (Export failed: the Condition table is gone)", error.Message);
        Assert.Equal("status poll", error.Step);
        // The issue text may name ids: it is for the caller, never for the logs.
        Assert.DoesNotContain(host.Logs.All, e => e.Message.Contains("Condition table", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExportThatNeverFinishes_StopsAtTheExportDeadline()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server, new() { ["BulkData:ExportDeadline"] = "00:00:01" });
        server.Handle = c => BulkResponses.WriteAsync(c, 202, headers: ("X-Progress", "still working"));

        var error = await Assert.ThrowsAsync<BulkExportException>(() =>
            host.Client.WaitForManifestAsync(server.Url("/fhir/status/job-6"), CancellationToken.None));

        Assert.Equal("status poll: no manifest in time from /fhir/status/job-6 (BulkData:ExportDeadline is 00:00:01)", error.Message);
        Assert.True(server.To("/fhir/status/job-6").Count > 1);
    }

    [Fact]
    public async Task ManifestNamingAFileOnAnotherHost_IsRefusedAndNothingIsFetchedFromIt()
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);
        var elsewhere = new Uri($"http://localhost:{server.Origin.Port}/files/patient-1.ndjson");
        server.Handle = c => BulkResponses.WriteAsync(c, 200, BulkResponses.Manifest(true, [("Patient", elsewhere, 1)]));

        var error = await Assert.ThrowsAsync<BulkExportException>(() =>
            host.Client.WaitForManifestAsync(server.Url("/fhir/status/job-7"), CancellationToken.None));

        Assert.Equal($"manifest: refused from /fhir/status/job-7 (output[0].url is on http://localhost:{server.Origin.Port}, which is not an allowed origin (Smart:AllowedIssuers))",
            error.Message);
        Assert.Empty(server.To("/files/patient-1.ndjson"));
    }

    [Theory]
    [InlineData("""{"requiresAccessToken":true,"output":[],"error":[]}""", "transactionTime")]
    [InlineData("""{"transactionTime":"2026-12-01","requiresAccessToken":true,"output":[],"error":[]}""", "transactionTime")]
    [InlineData("""{"transactionTime":"2026-12-01T09:30:00Z","output":[],"error":[]}""", "requiresAccessToken")]
    [InlineData("""{"transactionTime":"2026-12-01T09:30:00Z","requiresAccessToken":true,"output":[{"type":"Patient","url":"/files/p.ndjson"}]}""", "output[0].url")]
    [InlineData("<html>busy</html>", "not a manifest")]
    public async Task UnreadableManifest_SaysWhatIsWrong(string body, string named)
    {
        await using var server = await BulkLoopbackServer.StartAsync();
        using var host = new BulkClientHost(server);
        server.Handle = c => BulkResponses.WriteAsync(c, 200, body);

        var error = await Assert.ThrowsAsync<BulkExportException>(() =>
            host.Client.WaitForManifestAsync(server.Url("/fhir/status/job-8"), CancellationToken.None));

        Assert.StartsWith("manifest: unreadable from /fhir/status/job-8", error.Message, StringComparison.Ordinal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
