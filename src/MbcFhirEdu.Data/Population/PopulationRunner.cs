using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Fhir.Bulk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Data.Population;

/// <summary>
/// A population run (issue 18, docs/population.md), top-down: open (or resume, or join) the run of this request →
/// export (one worker kicks off and waits for the manifest; the manifest is persisted) → stage (claim files, stream
/// them into the staging table) → compare (claim patient partitions, profile and compare each touched patient, write
/// worklist entries and snapshots) → finish (the last worker marks the run completed and deletes the export job).
/// Several workers (<see cref="PopulationRunRequest.WorkerIndex"/>/<see cref="PopulationRunRequest.WorkerCount"/>)
/// share a run through the database; a killed worker's claims expire and are taken over.
/// </summary>
public sealed partial class PopulationRunner
{
    /// <summary>The resource types a population run exports (issue 18).</summary>
    public static readonly IReadOnlyList<string> ExportTypes = ["Patient", "Condition", "Observation", "DiagnosticReport"];

    private readonly IBulkExportClient _client;
    private readonly PopulationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PopulationRunner> _logger;
    private readonly RunStore _runs;
    private readonly WorkClaims _claims;
    private readonly FileStager _stager;
    private readonly PartitionComparer _comparer;
    private readonly IDbContextFactory<MbcEduDbContext> _factory;

    public PopulationRunner(IDbContextFactory<MbcEduDbContext> factory, IBulkExportClient client, IOptions<PopulationOptions> options,
        TimeProvider time, ILogger<PopulationRunner> logger)
    {
        _factory = factory;
        _client = client;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _runs = new RunStore(factory, time);
        _claims = new WorkClaims(factory, time);
        _stager = new FileStager(client, new StagingWriter(factory));
        _comparer = new PartitionComparer(factory, time);
    }

    /// <summary>Runs (or resumes, or joins) the run for <paramref name="request"/> and returns this worker's summary.</summary>
    /// <exception cref="ArgumentException">The request is not valid (the message names the field).</exception>
    public async Task<PopulationRunSummary> RunAsync(PopulationRunRequest request, CancellationToken ct)
    {
        Validate(request);
        var started = _time.GetTimestamp();
        var worker = new RunTally(request.WorkerIndex ?? 0, request.WorkerCount ?? 1);
        var run = await _runs.OpenAsync(request, ct).ConfigureAwait(false);
        LogRunOpened(run.Id, run.State.ToString(), run.Since is not null, worker.Index, worker.Count);
        var deadline = _time.GetUtcNow() + _options.WaitDeadline;
        try
        {
            run = await ExportAsync(run, worker, deadline, ct).ConfigureAwait(false);
            if (run.State == PopulationRunState.Staging) run = await StageAsync(run, worker, deadline, ct).ConfigureAwait(false);
            if (run.State == PopulationRunState.Comparing) run = await CompareAsync(run, worker, deadline, ct).ConfigureAwait(false);
        }
        catch (BulkExportException e)
        {
            await _runs.FailAsync(run.Id, e.Message, CancellationToken.None).ConfigureAwait(false);
            worker.Errors.Add(e.Message);
            LogRunFailed(run.Id, e.Step ?? "export");
            run = await _runs.GetAsync(run.Id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            worker.Errors.Add(e.Message);
        }
        return worker.Summary(run, _time.GetElapsedTime(started));
    }

    // Export: one worker holds the lease, kicks off (once: the status URL is saved) and waits for the manifest; the others
    // wait for the run to leave this step. A dead lease holder's lease expires and another worker carries on.
    private async Task<PopulationRunRecord> ExportAsync(PopulationRunRecord run, RunTally worker, DateTimeOffset deadline, CancellationToken ct)
    {
        while (true)
        {
            run = await _runs.GetAsync(run.Id, ct).ConfigureAwait(false);
            if (run.State != PopulationRunState.Exporting) return run;
            if (!await _runs.TryLeaseAsync(run.Id, worker.Owner, _options.ClaimDuration, ct).ConfigureAwait(false))
            {
                await WaitAsync(deadline, "the export's manifest", ct).ConfigureAwait(false);
                continue;
            }
            await using var lease = new ClaimHeartbeat(t => _runs.TryLeaseAsync(run.Id, worker.Owner, _options.ClaimDuration, t), _options.ClaimDuration, _time, ct);
            Uri statusUrl;
            if (run.StatusUrl is { } saved) statusUrl = new Uri(saved);
            else
            {
                var request = new BulkExportRequest(new Uri(run.FhirBase), run.GroupId, ExportTypes, run.Since);
                statusUrl = await _client.KickOffAsync(request, lease.Token).ConfigureAwait(false);
                await _runs.SaveStatusUrlAsync(run.Id, statusUrl, ct).ConfigureAwait(false);
            }
            var manifest = await _client.WaitForManifestAsync(statusUrl, lease.Token).ConfigureAwait(false);
            if (await _runs.SaveManifestAsync(run.Id, manifest, _options.Partitions, ct).ConfigureAwait(false))
                LogManifest(run.Id, manifest.Output.Count, manifest.Errors.Count);
        }
    }

    // Staging: claim files until none is left; the worker that sees every file done moves the run on.
    private async Task<PopulationRunRecord> StageAsync(PopulationRunRecord run, RunTally worker, DateTimeOffset deadline, CancellationToken ct)
    {
        var partitions = await _claims.PartitionCountAsync(run.Id, ct).ConfigureAwait(false);
        while (true)
        {
            var file = await _claims.ClaimFileAsync(run.Id, worker.Owner, _options.ClaimDuration, worker.Index, worker.Count, ct).ConfigureAwait(false);
            if (file is not null)
            {
                await StageFileAsync(run, file, partitions, worker, ct).ConfigureAwait(false);
                continue;
            }
            var (open, failed) = await _claims.FileProgressAsync(run.Id, ct).ConfigureAwait(false);
            if (open == 0 && failed > 0)
            {
                // A file that could not be read is a gap of unknown size: comparing now could read it as "nothing recorded".
                var error = $"{failed} export file(s) could not be read after {WorkClaims.MaxAttempts} attempts; nothing was compared (run again to retry with a new export)";
                await _runs.FailAsync(run.Id, error, ct).ConfigureAwait(false);
                worker.Errors.Add(error);
            }
            else if (open == 0) await _runs.MoveAsync(run.Id, PopulationRunState.Staging, PopulationRunState.Comparing, ct).ConfigureAwait(false);
            run = await _runs.GetAsync(run.Id, ct).ConfigureAwait(false);
            if (run.State != PopulationRunState.Staging) return run;
            await WaitAsync(deadline, "other workers' files", ct).ConfigureAwait(false);
        }
    }

    private async Task StageFileAsync(PopulationRunRecord run, PopulationRunFileRecord file, int partitions, RunTally worker, CancellationToken ct)
    {
        await using var heartbeat = new ClaimHeartbeat(t => _claims.RenewFileAsync(file.Id, worker.Owner, _options.ClaimDuration, t), _options.ClaimDuration, _time, ct);
        try
        {
            var staged = await _stager.StageAsync(run, file, partitions, _options.StagingBatchSize, heartbeat.Token).ConfigureAwait(false);
            if (await _claims.FinishFileAsync(file, worker.Owner, staged.Resources, null, ct).ConfigureAwait(false)) worker.FilesProcessed++;
            worker.ResourcesRead += staged.Resources;
            worker.AddWarnings(staged.Warnings);
            LogFileStaged(run.Id, file.Ordinal, staged.Resources);
        }
        catch (Exception e) when (e is BulkExportException or InvalidDataException or IOException or HttpRequestException)
        {
            await _claims.FinishFileAsync(file, worker.Owner, 0, e.Message, ct).ConfigureAwait(false);
            if (file.Attempts >= WorkClaims.MaxAttempts) worker.FilesFailed++;
            worker.AddWarnings([$"file {file.Ordinal} ({file.ResourceType}), attempt {file.Attempts}: {e.Message}"]);
            LogFileFailed(run.Id, file.Ordinal, file.Attempts);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            worker.AddWarnings([$"file {file.Ordinal}: the claim expired and another worker took it over"]);
        }
        catch (OperationCanceledException)
        {
            // Stopped (Ctrl+C, shutdown): give the file back now rather than when the claim expires. A killed process
            // cannot, and its claim simply expires.
            await _claims.ReleaseFileAsync(file.Id, worker.Owner, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    // Compare: claim partitions until none is left; the worker that sees every partition done completes the run.
    private async Task<PopulationRunRecord> CompareAsync(PopulationRunRecord run, RunTally worker, DateTimeOffset deadline, CancellationToken ct)
    {
        var removeUnseen = run.Since is null && !await HasErrorFilesAsync(run.Id, ct).ConfigureAwait(false);
        while (true)
        {
            var partition = await _claims.ClaimPartitionAsync(run.Id, worker.Owner, _options.ClaimDuration, worker.Index, worker.Count, ct).ConfigureAwait(false);
            if (partition is not null)
            {
                await ComparePartitionAsync(run, partition, removeUnseen, worker, ct).ConfigureAwait(false);
                continue;
            }
            if (await _claims.OpenPartitionsAsync(run.Id, ct).ConfigureAwait(false) == 0
                && await _runs.MoveAsync(run.Id, PopulationRunState.Comparing, PopulationRunState.Completed, ct).ConfigureAwait(false))
                await FinishAsync(run, worker, ct).ConfigureAwait(false);
            run = await _runs.GetAsync(run.Id, ct).ConfigureAwait(false);
            if (run.State != PopulationRunState.Comparing) return run;
            await WaitAsync(deadline, "other workers' patients", ct).ConfigureAwait(false);
        }
    }

    private async Task ComparePartitionAsync(PopulationRunRecord run, PopulationRunPartitionRecord partition, bool removeUnseen, RunTally worker, CancellationToken ct)
    {
        await using var heartbeat = new ClaimHeartbeat(t => _claims.RenewPartitionAsync(run.Id, partition.Partition, worker.Owner, _options.ClaimDuration, t),
            _options.ClaimDuration, _time, ct);
        try
        {
            var result = await _comparer.CompareAsync(run, partition.Partition, removeUnseen, _options, _ => Task.CompletedTask, heartbeat.Token).ConfigureAwait(false);
            await _claims.FinishPartitionAsync(partition, worker.Owner, result.Patients, result.Entries, ct).ConfigureAwait(false);
            worker.Add(result);
            LogPartitionCompared(run.Id, partition.Partition, result.Patients, result.Entries);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            worker.AddWarnings([$"partition {partition.Partition}: the claim expired and another worker took it over"]);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await _claims.ReleasePartitionAsync(partition, worker.Owner, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (DbUpdateException e)
        {
            // Another worker wrote the same patient meanwhile (a claim taken over): give the partition back and let it redo it.
            await _claims.ReleasePartitionAsync(partition, worker.Owner, ct).ConfigureAwait(false);
            worker.AddWarnings([$"partition {partition.Partition}: {e.GetType().Name} while writing; given back to be compared again"]);
        }
    }

    // The export job is no longer needed (Bulk Data: the client deletes it once the files are read).
    private async Task FinishAsync(PopulationRunRecord run, RunTally worker, CancellationToken ct)
    {
        await _runs.ForgetPatientsAsync(run.Id, ct).ConfigureAwait(false);
        if (run.StatusUrl is { } statusUrl)
        {
            try { await _client.DeleteAsync(new Uri(statusUrl), ct).ConfigureAwait(false); }
            catch (BulkExportException e) { worker.AddWarnings([$"the export job was not deleted: {e.Message}"]); }
        }
        LogRunCompleted(run.Id);
    }

    private async Task<bool> HasErrorFilesAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await _factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.PopulationRunFiles.AnyAsync(f => f.RunId == runId && f.IsErrorFile, ct).ConfigureAwait(false);
    }

    private async Task WaitAsync(DateTimeOffset deadline, string what, CancellationToken ct)
    {
        if (_time.GetUtcNow() > deadline)
            throw new TimeoutException($"gave up waiting for {what} after {_options.WaitDeadline} (Population:WaitDeadline); the run stays open and resumes when started again");
        await Task.Delay(_options.PollInterval, _time, ct).ConfigureAwait(false);
    }

    private static void Validate(PopulationRunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.FhirBase.IsAbsoluteUri || request.FhirBase.Scheme is not ("http" or "https"))
            throw new ArgumentException("the FHIR base must be an absolute http(s) URL", nameof(request));
        if (request.GroupId is { } group && (group.Length is 0 or > MbcEduDbContext.MaxIdLength || group.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))))
            throw new ArgumentException("the group id must be a FHIR id (1-64 letters, digits, '-' or '.')", nameof(request));
        if (request.WorkerIndex is null != request.WorkerCount is null)
            throw new ArgumentException("give both the worker index and the worker count, or neither", nameof(request));
        if (request.WorkerCount is { } count && (count < 1 || request.WorkerIndex < 0 || request.WorkerIndex >= count))
            throw new ArgumentException("the worker index must be at least 0 and below the worker count (at least 1)", nameof(request));
    }

    [LoggerMessage(EventId = 1801, Level = LogLevel.Information, Message = "Population run {RunId} opened in state {State} (incremental: {Incremental}); worker {Index} of {Count}")]
    private partial void LogRunOpened(Guid runId, string state, bool incremental, int index, int count);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Information, Message = "Population run {RunId}: manifest with {Files} file(s) and {ErrorFiles} error file(s)")]
    private partial void LogManifest(Guid runId, int files, int errorFiles);

    [LoggerMessage(EventId = 1803, Level = LogLevel.Information, Message = "Population run {RunId}: file {Ordinal} staged, {Resources} resource(s)")]
    private partial void LogFileStaged(Guid runId, int ordinal, int resources);

    [LoggerMessage(EventId = 1804, Level = LogLevel.Warning, Message = "Population run {RunId}: file {Ordinal} failed (attempt {Attempt})")]
    private partial void LogFileFailed(Guid runId, int ordinal, int attempt);

    [LoggerMessage(EventId = 1805, Level = LogLevel.Information, Message = "Population run {RunId}: partition {Partition} compared, {Patients} patient(s), {Entries} entr(ies)")]
    private partial void LogPartitionCompared(Guid runId, int partition, int patients, int entries);

    [LoggerMessage(EventId = 1806, Level = LogLevel.Information, Message = "Population run {RunId} completed")]
    private partial void LogRunCompleted(Guid runId);

    [LoggerMessage(EventId = 1807, Level = LogLevel.Warning, Message = "Population run {RunId} failed at step {Step}")]
    private partial void LogRunFailed(Guid runId, string step);
}
