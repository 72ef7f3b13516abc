using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Sandbox.Features.Bulk;

/// <summary>The export jobs, in memory and bounded (<c>Sandbox:Bulk:MaxJobs</c>); expired jobs are dropped when a new one starts.</summary>
internal sealed class BulkJobStore(IOptions<SandboxBulkOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, BulkJob> _jobs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Adds the job, or returns false when the store is full.</summary>
    public bool TryAdd(BulkJob job)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            foreach (var expired in _jobs.Values.Where(j => j.ExpiresAt <= now).ToList()) Remove(expired.Id);
            if (_jobs.Count >= options.Value.MaxJobs) return false;
            return _jobs.TryAdd(job.Id, job);
        }
    }

    /// <summary>The job, when it exists, has not expired and belongs to <paramref name="clientId"/> (another client's job does not exist for it).</summary>
    public BulkJob? Find(string id, string clientId) =>
        _jobs.TryGetValue(id, out var job) && job.ClientId == clientId && job.ExpiresAt > time.GetUtcNow() ? job : null;

    public bool Remove(string id)
    {
        if (!_jobs.TryRemove(id, out var job)) return false;
        job.Cancellation.Cancel();
        return true;
    }
}
