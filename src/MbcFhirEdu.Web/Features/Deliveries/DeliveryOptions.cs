using MbcFhirEdu.Fhir.Configuration;
using System.ComponentModel.DataAnnotations;

namespace MbcFhirEdu.Web.Features.Deliveries;

/// <summary>Settings of deliveries and the outbox worker (configuration section <c>Deliveries</c>).</summary>
public sealed class DeliveryOptions : IValidatableObject
{
    public const string SectionName = "Deliveries";

    /// <summary>The app's public origin: materials are linked as <c>{PublicBaseUrl}/materials/{lang}/{id}</c> in the Communication.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Run the outbox worker in this process.</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How often the worker looks for due deliveries when nothing woke it.</summary>
    [TimeSpanRange("00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed delivery belongs to one worker; past it another may take over (a worker died mid-send).</summary>
    [TimeSpanRange("00:00:00.100", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Limit of one send (token and FHIR create, with the client's own retries); must be shorter than the lease.</summary>
    [TimeSpanRange("00:00:00.100", "00:30:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>First retry delay; doubled per attempt, with jitter, up to <see cref="RetryMaxDelay"/>.</summary>
    [TimeSpanRange("00:00:00.001", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    [TimeSpanRange("00:00:00.001", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>After this many attempts a delivery that still fails transiently is marked Failed.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 40;

    /// <summary>How long the outbox depth gauge reuses its last count before counting again (in the background).</summary>
    [TimeSpanRange("00:00:00", "01:00:00")]
    public TimeSpan OutboxDepthCacheDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Deliveries claimed per pass.</summary>
    [Range(1, 500)]
    public int BatchSize { get; set; } = 20;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicBaseUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http") || url.Query.Length > 0 || url.Fragment.Length > 0))
            yield return new ValidationResult("Deliveries:PublicBaseUrl must be an absolute http(s) URL without query or fragment.", [nameof(PublicBaseUrl)]);
        if (SendTimeout >= Lease)
            yield return new ValidationResult("Deliveries:SendTimeout must be shorter than Deliveries:Lease.", [nameof(SendTimeout)]);
        if (RetryMaxDelay < RetryBaseDelay)
            yield return new ValidationResult("Deliveries:RetryMaxDelay must not be shorter than Deliveries:RetryBaseDelay.", [nameof(RetryMaxDelay)]);
    }
}
