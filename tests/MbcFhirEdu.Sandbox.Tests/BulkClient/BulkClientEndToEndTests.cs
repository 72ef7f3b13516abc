using System.Text.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using MbcFhirEdu.Fhir.Bulk;

namespace MbcFhirEdu.Sandbox.Tests.BulkClient;

/// <summary>The app's Bulk Data client against the sandbox's <c>$export</c>: every step, <c>_since</c>, <c>_typeFilter</c> and the sandbox's faults.</summary>
public sealed class BulkClientEndToEndTests
{
    private static readonly string[] CancerTypes = ["Patient", "Condition", "Observation", "DiagnosticReport"];

    [Fact]
    public async Task GroupExport_AllFilesDownloadAndParseWithFirely_AndTheJobIsDeletedAtTheEnd()
    {
        await using var sandbox = SandboxBulkClient.Start(cohortSize: 12, resourcesPerFile: 40);

        var (status, manifest) = await sandbox.ExportAsync(new BulkExportRequest(SandboxBulkClient.FhirBase, "mbc-cohort", CancerTypes));
        var byFile = new List<(BulkExportFile File, List<Resource> Resources)>();
        foreach (var file in manifest.Output) byFile.Add((file, await sandbox.ReadAsync(file, manifest.RequiresAccessToken)));
        await sandbox.Client.DeleteAsync(status, CancellationToken.None);

        Assert.True(manifest.RequiresAccessToken);
        Assert.Subset(CancerTypes.ToHashSet(), manifest.Output.Select(f => f.Type).ToHashSet());
        Assert.Contains(manifest.Output.GroupBy(f => f.Type), g => g.Count() > 1);
        Assert.All(byFile, f =>
        {
            Assert.All(f.Resources, r => Assert.Equal(f.File.Type, r.TypeName));
            Assert.Equal(f.File.Count, f.Resources.Count);
        });
        Assert.Equal(12, byFile.SelectMany(f => f.Resources).OfType<Patient>().Select(p => p.Id).Distinct().Count());
        var gone = await Assert.ThrowsAsync<BulkExportException>(() => sandbox.Client.WaitForManifestAsync(status, CancellationToken.None));
        Assert.Equal(404, gone.StatusCode);
    }

    [Fact]
    public async Task SinceTheLastTransactionTime_AfterACohortAdvance_ExportsOnlyTheChangedPatients()
    {
        await using var sandbox = SandboxBulkClient.Start(cohortSize: 30);
        var (firstStatus, first) = await sandbox.ExportAsync(new BulkExportRequest(SandboxBulkClient.FhirBase, "mbc-cohort", CancerTypes));
        await sandbox.Client.DeleteAsync(firstStatus, CancellationToken.None);

        sandbox.Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        using var http = sandbox.Factory.CreateSandboxClient();
        using var advanced = await http.PostAsync("/sandbox/_cohort/advance?patients=5", content: null);
        var changed = JsonDocument.Parse(await advanced.Content.ReadAsStringAsync()).RootElement.GetProperty("changes").EnumerateArray()
            .Select(c => c.GetProperty("patient").GetString()!).ToHashSet();
        var (status, second) = await sandbox.ExportAsync(
            new BulkExportRequest(SandboxBulkClient.FhirBase, "mbc-cohort", CancerTypes, Since: first.TransactionTime));
        var resources = new List<Resource>();
        foreach (var file in second.Output) resources.AddRange(await sandbox.ReadAsync(file, second.RequiresAccessToken));
        await sandbox.Client.DeleteAsync(status, CancellationToken.None);

        Assert.Equal(5, changed.Count);
        Assert.NotEmpty(resources);
        Assert.Equal(changed, resources.Select(PatientOf).ToHashSet());
        Assert.All(resources, r => Assert.True(r.Meta!.LastUpdated > first.TransactionTime));
        Assert.True(second.TransactionTime > first.TransactionTime);
    }

    [Fact]
    public async Task TypeFilter_TheSandboxApplies_AndOneItCannot_IsAWarningInTheErrorFile()
    {
        await using var sandbox = SandboxBulkClient.Start(cohortSize: 8);

        var (status, manifest) = await sandbox.ExportAsync(new BulkExportRequest(SandboxBulkClient.FhirBase, "mbc-cohort", ["Observation", "Condition"],
            TypeFilters: ["Observation?category=laboratory", "Condition?onset-date=gt2020-01-01"]));
        var observations = new List<Resource>();
        foreach (var file in manifest.Output.Where(f => f.Type == "Observation")) observations.AddRange(await sandbox.ReadAsync(file, manifest.RequiresAccessToken));
        var problems = await BulkErrorFile.ReadAsync(sandbox.Client, Assert.Single(manifest.Errors), manifest.RequiresAccessToken, 20, CancellationToken.None);
        await sandbox.Client.DeleteAsync(status, CancellationToken.None);

        Assert.NotEmpty(observations);
        Assert.All(observations.Cast<Observation>(), o => Assert.Contains(o.Category.SelectMany(c => c.Coding), c => c.Code == "laboratory"));
        Assert.Contains(problems, p => p.StartsWith("warning ", StringComparison.Ordinal) && p.Contains("onset-date", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SandboxFaults_429OnStatus_5xxOnDownload_TokenExpiredMidRun_AreAllRidden()
    {
        await using var sandbox = SandboxBulkClient.Start(cohortSize: 6);
        var status = await sandbox.Client.KickOffAsync(new BulkExportRequest(SandboxBulkClient.FhirBase, "mbc-cohort", CancerTypes), CancellationToken.None);

        // More 429s than the resilience pipeline's three tries: the poll loop itself has to wait and ask again.
        sandbox.Faults.FailNext(4, 429, TimeSpan.FromSeconds(1), FaultTarget.BulkStatus);
        var manifest = await sandbox.Client.WaitForManifestAsync(status, CancellationToken.None);
        sandbox.Faults.FailNext(2, 503, target: FaultTarget.BulkDownload);
        var first = await sandbox.ReadAsync(manifest.Output[0], manifest.RequiresAccessToken);
        var faultsServed = sandbox.Faults.InjectedFailures;

        // The token the client holds is refused from now on (a token issued in the next second works): 401, one new token, one more try.
        sandbox.Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        sandbox.Faults.ExpireAccessTokensIssuedBefore(sandbox.Factory.Clock.GetUtcNow());
        sandbox.Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await sandbox.ReadAsync(manifest.Output[^1], manifest.RequiresAccessToken);
        await sandbox.Client.DeleteAsync(status, CancellationToken.None);

        Assert.Equal(6, faultsServed);
        Assert.NotEmpty(first);
        Assert.NotEmpty(second);
        Assert.Equal(2, sandbox.Tokens.TokenRequests);
    }

    [Fact]
    public async Task TokenThatRunsOutDuringTheRun_IsRenewedBeforeTheNextRequest()
    {
        await using var sandbox = SandboxBulkClient.Start(cohortSize: 4, more: new Dictionary<string, string?> { ["Sandbox:AccessTokenLifetimeSeconds"] = "120" });
        var (status, manifest) = await sandbox.ExportAsync(new BulkExportRequest(SandboxBulkClient.FhirBase, "mbc-cohort", ["Patient"]));

        // 90 s later the 120 s token is inside the 60 s refresh margin.
        sandbox.Factory.Clock.Advance(TimeSpan.FromSeconds(90));
        var patients = await sandbox.ReadAsync(Assert.Single(manifest.Output), manifest.RequiresAccessToken);
        await sandbox.Client.DeleteAsync(status, CancellationToken.None);

        Assert.Equal(4, patients.Count);
        Assert.Equal(2, sandbox.Tokens.TokenRequests);
    }

    private static string PatientOf(Resource resource) => resource switch
    {
        Patient p => p.Id!,
        Condition c => c.Subject!.Reference!["Patient/".Length..],
        Observation o => o.Subject!.Reference!["Patient/".Length..],
        DiagnosticReport d => d.Subject!.Reference!["Patient/".Length..],
        _ => throw new InvalidOperationException(resource.TypeName),
    };
}
