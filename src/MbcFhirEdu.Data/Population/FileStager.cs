using System.Text;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Fhir.Bulk;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Data.Population;

/// <summary>
/// Stages one export file: streams it line by line (<see cref="NdjsonLineReader"/>: one line and a read-ahead block in
/// memory, whatever the file's size), keys each line (<see cref="ResourceLine"/>) and writes batches of
/// <see cref="PopulationOptions.StagingBatchSize"/> lines (<see cref="StagingWriter"/>). An error file (OperationOutcome
/// NDJSON) is read by <see cref="BulkErrorFile"/>; its issues become the run's warnings. Lines that cannot be staged are counted and the
/// first few named in the warnings.
/// </summary>
internal sealed class FileStager(IBulkExportClient client, StagingWriter writer)
{
    public const int MaxNamedProblems = 20;

    /// <summary>What staging one file did.</summary>
    public sealed record Result(int Resources, IReadOnlyList<string> Warnings);

    public async Task<Result> StageAsync(PopulationRunRecord run, PopulationRunFileRecord file, int partitions, int batchSize, CancellationToken ct)
    {
        var source = new BulkExportFile(file.ResourceType, new Uri(file.Url), file.Count);
        var name = $"file {file.Ordinal} ({file.ResourceType})";
        var warnings = new List<string>();
        var skipped = 0;
        var resources = 0;
        if (file.IsErrorFile)
        {
            // The server's issues: what the export could not include. Texts may name ids: shown to the operator, not logged.
            var issues = await BulkErrorFile.ReadAsync(client, source, run.RequiresAccessToken, MaxNamedProblems, ct).ConfigureAwait(false);
            return new Result(0, issues.Select(i => $"{name}: {i}").ToList());
        }
        var batch = new List<StagingWriter.Row>(batchSize);
        await using var stream = await client.OpenFileAsync(source, run.RequiresAccessToken, ct).ConfigureAwait(false);
        using var lines = new NdjsonLineReader(stream, FhirReadLimits.Default.MaxNdjsonLineBytes);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var status = lines.Next(out var line);
            if (status == NdjsonLineReader.Status.End) break;
            if (status == NdjsonLineReader.Status.LineTooLong)
                throw new InvalidDataException($"{name}: line {lines.LineNumber} is longer than {FhirReadLimits.Default.MaxNdjsonLineBytes} bytes");
            var json = Trim(line.Span);
            if (json.IsEmpty) continue;
            if (ResourceLine.Read(json, out var problem) is not { } keys)
            {
                if (++skipped <= MaxNamedProblems) warnings.Add($"{name} line {lines.LineNumber}: {problem}");
                continue;
            }
            resources++;
            batch.Add(new StagingWriter.Row(keys, Partitioning.Of(keys.PatientId, partitions), Encoding.UTF8.GetString(json)));
            if (batch.Count < batchSize) continue;
            await writer.WriteAsync(run.FhirBase, run.Id, batch, ct).ConfigureAwait(false);
            batch.Clear();
        }
        await writer.WriteAsync(run.FhirBase, run.Id, batch, ct).ConfigureAwait(false);
        if (skipped > MaxNamedProblems) warnings.Add($"{name}: {skipped - MaxNamedProblems} more lines left out");
        return new Result(resources, warnings);
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8);
}
