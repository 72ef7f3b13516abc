using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Data.Deliveries;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Web.Infrastructure.Observability;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.WriteBack;
using MbcFhirEdu.Web.Features.Audit;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Deliveries;

/// <summary>What one attempt came to.</summary>
public enum SendOutcome { Delivered, RetryScheduled, Failed, LeaseLost }

/// <summary>
/// Sends one claimed delivery: builds its Communication, POSTs it with <c>If-None-Exist</c> on our delivery id (a
/// resend after a crash or timeout finds the first copy), then records the result under the claim's lease:
/// delivered, retry later (exponential backoff with jitter), or failed with the EHR's OperationOutcome text.
/// </summary>
internal sealed class DeliverySender(
    DeliveryStore store,
    IServiceProvider services,
    IDeliveryTokenSource tokens,
    AuditLog audit,
    EduMetrics metrics,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    IEnumerable<IDeliveryStateListener> listeners,
    ILogger<DeliverySender> logger)
{
    public async Task<SendOutcome> SendAsync(DeliveryRecord delivery, CancellationToken stoppingToken)
    {
        var owner = delivery.LeaseOwner ?? "";
        var o = options.Value;
        var (result, error) = await TryWriteAsync(delivery, o, stoppingToken);
        if (result is { Succeeded: true })
        {
            var marked = await store.MarkDeliveredAsync(delivery.Id, owner, result.Id, stoppingToken);
            if (marked)
            {
                foreach (var listener in listeners) listener.Delivered(delivery.Issuer, delivery.PatientId);
            }
            WebLog.DeliverySent(logger, delivery.Id, delivery.Attempts, result.Existing);
            await AuditAsync(delivery, success: true, stoppingToken);
            return marked ? SendOutcome.Delivered : SendOutcome.LeaseLost;
        }

        var permanent = result?.Permanent ?? error!.Value.Permanent;
        var message = result?.Describe() ?? error!.Value.Message;
        var kind = result?.Problem?.Kind.ToString() ?? "Setup";
        if (permanent || delivery.Attempts >= o.MaxAttempts)
        {
            if (!permanent) message = $"Gave up after {delivery.Attempts} attempts. Last error: {message}";
            WebLog.DeliveryFailed(logger, delivery.Id, delivery.Attempts, kind, result?.Problem?.Status);
            metrics.DeliveryFailed(permanent: true, kind);
            var failed = await store.MarkFailedAsync(delivery.Id, owner, message, stoppingToken);
            await AuditAsync(delivery, success: false, stoppingToken);
            return failed ? SendOutcome.Failed : SendOutcome.LeaseLost;
        }
        metrics.DeliveryFailed(permanent: false, kind);
        var delay = Backoff(delivery.Attempts, o);
        WebLog.DeliveryRetry(logger, delivery.Id, delivery.Attempts, kind, (long)delay.TotalMilliseconds);
        var scheduled = await store.ScheduleRetryAsync(delivery.Id, owner, time.GetUtcNow() + delay, message, stoppingToken);
        return scheduled ? SendOutcome.RetryScheduled : SendOutcome.LeaseLost;
    }

    /// <summary>Full-jitter exponential backoff: a random delay between half and all of base·2^(attempt−1), capped.</summary>
    public static TimeSpan Backoff(int attempt, DeliveryOptions options)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ceiling = Math.Min(options.RetryMaxDelay.TotalMilliseconds, options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + Random.Shared.NextDouble() / 2));
    }

    private async Task<(FhirCreateResult? Result, (string Message, bool Permanent)? Error)> TryWriteAsync(
        DeliveryRecord delivery, DeliveryOptions o, CancellationToken stoppingToken)
    {
        if (o.PublicBaseUrl is not { } baseUrl) return (null, ("Deliveries:PublicBaseUrl is not configured, so the material cannot be linked.", false));
        // Resolved when a send needs it, so the worker starts (and /health/ready reports) even when the library fails to load.
        var material = services.GetRequiredService<MaterialLibrary>().Catalog.Find(delivery.MaterialId, delivery.Language);
        if (material is null) return (null, ("The material is no longer in the library.", true));
        var connection = await tokens.ConnectAsync(delivery, stoppingToken);
        if (connection.Connection is null) return (null, (connection.Error ?? "No connection to the EHR.", connection.Permanent));

        var communication = DeliveryCommunication.Build(new DeliveryContent(
            delivery.Id, delivery.PatientId, delivery.Sender, material.Title, material.Language,
            MaterialUrl(baseUrl, material.Language, material.Id, delivery.Id), delivery.Note, time.GetUtcNow()));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(o.SendTimeout);
        // The typed client comes from the HttpClient factory per send, so its handlers rotate as designed.
        await using var scope = services.CreateAsyncScope();
        var fhir = scope.ServiceProvider.GetRequiredService<FhirRestClient>();
        try
        {
            return (await fhir.CreateAsync(connection.Connection, communication, DeliveryCommunication.IfNoneExist(delivery.Id), timeout.Token), null);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return (null, ("The EHR did not answer in time.", false));
        }
    }

    /// <summary>
    /// The material's patient page, <c>{base}/app/materials/{id}?lang={lang}&amp;delivery={deliveryId}</c>, keeping any
    /// path the public base has: opened in the patient's session it records the view; without a session it redirects
    /// to the public copy at <c>/materials/{lang}/{id}</c>.
    /// </summary>
    public static Uri MaterialUrl(Uri publicBaseUrl, string language, string materialId, Guid deliveryId)
    {
        var root = publicBaseUrl.AbsoluteUri.TrimEnd('/');
        return new Uri($"{root}/app/materials/{Uri.EscapeDataString(materialId)}?lang={Uri.EscapeDataString(language)}&delivery={deliveryId:D}", UriKind.Absolute);
    }

    // An API delivery's actor is the API client that asked (its Caller), a coordinator's is their fhirUser.
    private Task AuditAsync(DeliveryRecord delivery, bool success, CancellationToken cancellationToken) =>
        audit.TryWriteAsync(delivery.TokenKind == DeliveryTokenKind.BackendServices
            ? new AuditEntry(ApiAuditActions.DeliverySend, success, delivery.Caller, delivery.Issuer, delivery.PatientId, delivery.Id.ToString("D"))
            : new AuditEntry(AuditActions.DeliverySend, success, delivery.Sender, delivery.Issuer, delivery.PatientId, delivery.Id.ToString("D")),
            logger, cancellationToken);
}
