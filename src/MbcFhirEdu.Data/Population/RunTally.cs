using MbcFhirEdu.Core.Population;
using MbcFhirEdu.Data.Entities;

namespace MbcFhirEdu.Data.Population;

/// <summary>One worker's counts, warnings and errors during a run; becomes its <see cref="PopulationRunSummary"/>.</summary>
internal sealed class RunTally(int index, int count)
{
    public const int MaxWarnings = 200;

    public int Index { get; } = index;
    public int Count { get; } = count;
    /// <summary>This worker's claim owner name: host, process and a random part (two runners in one process differ).</summary>
    public string Owner { get; } = RunStore.Truncate($"{Environment.MachineName}/{Environment.ProcessId}/{index}/{Guid.NewGuid():N}", 128);
    public int FilesProcessed { get; set; }
    public int FilesFailed { get; set; }
    public long ResourcesRead { get; set; }
    public int Patients { get; private set; }
    public int Entries { get; private set; }
    public Dictionary<WorklistReason, int> ByReason { get; } = [];
    public List<string> Errors { get; } = [];
    private readonly List<string> _warnings = [];
    private int _droppedWarnings;

    public void AddWarnings(IEnumerable<string> warnings)
    {
        foreach (var warning in warnings)
        {
            if (_warnings.Count < MaxWarnings) _warnings.Add(warning);
            else _droppedWarnings++;
        }
    }

    public void Add(PartitionComparer.Result result)
    {
        Patients += result.Patients;
        Entries += result.Entries;
        foreach (var (reason, n) in result.ByReason) ByReason[reason] = ByReason.GetValueOrDefault(reason) + n;
        AddWarnings(result.Warnings);
    }

    public PopulationRunSummary Summary(PopulationRunRecord run, TimeSpan elapsed)
    {
        var status = run.State switch
        {
            PopulationRunState.Completed => "completed",
            PopulationRunState.Failed => "failed",
            _ => "in-progress",
        };
        var errors = new List<string>(Errors);
        if (run.State == PopulationRunState.Failed && run.Error is { } error && !errors.Contains(error)) errors.Add(error);
        var warnings = new List<string>(_warnings);
        if (_droppedWarnings > 0) warnings.Add($"{_droppedWarnings} more warning(s) not shown");
        return new PopulationRunSummary(run.Id, status, FilesProcessed, FilesFailed, Patients, Entries, errors, warnings)
        {
            EntriesByReason = ByReason.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(), p => p.Value),
            ResourcesRead = ResourcesRead,
            Elapsed = elapsed,
        };
    }
}
