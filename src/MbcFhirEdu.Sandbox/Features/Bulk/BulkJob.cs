using System.Collections.Immutable;
using MbcFhirEdu.Sandbox.Features.Cohort;

namespace MbcFhirEdu.Sandbox.Features.Bulk;

/// <summary>One output file: the resources of <paramref name="Type"/> of the members at positions [From, To).</summary>
internal sealed record BulkFile(string Type, int Number, int From, int To, long Count)
{
    public string Name => $"{Type}-{Number}.ndjson";
}

/// <summary>The outcome of planning: the files and the problems for the error file.</summary>
internal sealed record BulkPlan(IReadOnlyList<BulkFile> Files, IReadOnlyList<string> Errors, int ErrorsLeftOut);

/// <summary>An export job. Its cohort state is fixed at kick-off (the advances then), so every file agrees with
/// <see cref="TransactionTime"/> however late it is downloaded.</summary>
internal sealed class BulkJob(string id, string clientId, BulkExportSpec spec, BulkMembers members, ImmutableArray<CohortAdvance> advances,
    DateTimeOffset transactionTime, DateTimeOffset readyAt, DateTimeOffset expiresAt)
{
    private int _planned;
    private volatile BulkPlan? _plan;
    private volatile string? _failure;

    public string Id => id;
    public string ClientId => clientId;
    public BulkExportSpec Spec => spec;
    public BulkMembers Members => members;
    public ImmutableArray<CohortAdvance> Advances => advances;
    public DateTimeOffset TransactionTime => transactionTime;
    public DateTimeOffset ReadyAt => readyAt;
    public DateTimeOffset ExpiresAt => expiresAt;
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Members planned so far (for X-Progress).</summary>
    public int Planned => Volatile.Read(ref _planned);
    public BulkPlan? Plan => _plan;
    public string? Failure => _failure;

    public void Progress(int planned) => Volatile.Write(ref _planned, planned);
    public void Complete(BulkPlan plan) => _plan = plan;
    public void Fail(string reason) => _failure = reason;

    public bool IsReady(DateTimeOffset now) => _plan is not null && now >= readyAt;
}
