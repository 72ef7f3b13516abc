using System.Security.Cryptography;
using MbcFhirEdu.Data.Deliveries;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Deliveries;

/// <summary>
/// Sends recorded deliveries. Each pass claims due rows with a lease (one atomic statement; PostgreSQL skips rows
/// another replica holds), sends them, and records the result. A row left in Sending by a process that died is
/// claimed again once its lease runs out; the conditional create makes that resend harmless, and a Delivered row is
/// never claimed again. Woken at once by new deliveries, otherwise polls every <c>Deliveries:PollInterval</c>.
/// </summary>
internal sealed class OutboxWorker(
    DeliveryStore store,
    DeliverySender sender,
    OutboxSignal signal,
    IOptions<DeliveryOptions> options,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    /// <summary>This worker's lease owner name: host name plus a random suffix, unique per process start.</summary>
    public string Owner { get; } = $"{Environment.MachineName}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";

    /// <summary>One pass: claims up to a batch of due deliveries and sends them. Returns how many were claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var claimed = await store.ClaimDueAsync(Owner, o.Lease, o.BatchSize, cancellationToken);
        foreach (var delivery in claimed) await sender.SendAsync(delivery, cancellationToken);
        return claimed.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled) return;
        // The owner name is what the deliveries table shows in lease_owner: operators can tell which replica holds a row.
        WebLog.OutboxWorkerStarted(logger, Owner, (long)options.Value.PollInterval.TotalMilliseconds, (long)options.Value.Lease.TotalMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database hiccup must not stop the worker; the leases make the next pass safe.
                WebLog.OutboxError(logger, e.GetType().Name);
            }
            // A full batch means more may be due: go again at once.
            if (claimed >= options.Value.BatchSize) continue;
            try
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
