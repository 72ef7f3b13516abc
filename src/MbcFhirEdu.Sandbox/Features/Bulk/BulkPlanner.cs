namespace MbcFhirEdu.Sandbox.Features.Bulk;

/// <summary>
/// Runs a job: one pass over its members, counting what each type's files will hold and cutting a new file at the
/// first patient boundary past <c>Sandbox:Bulk:ResourcesPerFile</c>. Nothing is kept but the counts, so a large
/// cohort plans in constant memory; the downloads regenerate the same resources from the same positions.
/// </summary>
internal sealed class BulkPlanner(BulkSource source, ILogger<BulkPlanner> logger)
{
    /// <summary>Bounds the error file; the rest are counted in one summary line.</summary>
    public const int MaxErrors = 1000;

    public void Run(BulkJob job, int resourcesPerFile)
    {
        try
        {
            var plan = Plan(job, resourcesPerFile, job.Cancellation.Token);
            job.Complete(plan);
            logger.BulkJobPlanned(job.Id[..8], plan.Files.Count, plan.Files.Sum(f => f.Count), plan.Errors.Count + plan.ErrorsLeftOut);
        }
        catch (OperationCanceledException)
        {
            job.Fail("the export was cancelled");
        }
        // A background job must end in a state the status endpoint can report (500 OperationOutcome), whatever failed.
        catch (Exception ex)
        {
            logger.BulkJobFailed(job.Id[..8], ex.GetType().Name);
            job.Fail("the export failed inside the sandbox (" + ex.GetType().Name + ")");
        }
    }

    private BulkPlan Plan(BulkJob job, int resourcesPerFile, CancellationToken cancellationToken)
    {
        var spec = job.Spec;
        var files = new List<BulkFile>();
        var errors = new List<string>(spec.Warnings);
        var leftOut = 0;
        var open = spec.Types.ToDictionary(t => t, _ => (From: 0, Count: 0L, Number: 0), StringComparer.Ordinal);
        for (var position = 0; position < job.Members.Count; position++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var type in spec.Types)
            {
                var state = open[type];
                foreach (var resource in source.Resources(job.Members, position, type, job.Advances))
                {
                    if (BulkFilter.Includes(spec, resource, out var problem)) state.Count++;
                    else if (problem is not null && errors.Count < MaxErrors) errors.Add($"{resource.TypeName}/{resource.Id} was not exported: {problem}");
                    else if (problem is not null) leftOut++;
                }
                if (state.Count >= resourcesPerFile)
                {
                    files.Add(new BulkFile(type, ++state.Number, state.From, position + 1, state.Count));
                    state = (position + 1, 0, state.Number);
                }
                open[type] = state;
            }
            job.Progress(position + 1);
        }
        foreach (var type in spec.Types)
            if (open[type] is { Count: > 0 } last)
                files.Add(new BulkFile(type, last.Number + 1, last.From, job.Members.Count, last.Count));
        return new BulkPlan([.. files.OrderBy(f => spec.Types.ToList().IndexOf(f.Type)).ThenBy(f => f.Number)], errors, leftOut);
    }
}
