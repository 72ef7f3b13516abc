using MbcFhirEdu.Fhir.Smart;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>
/// The resilience pipeline of the SMART and FHIR HttpClients, on Microsoft.Extensions.Http.Resilience (Polly v8):
/// retry (exponential backoff with jitter; Retry-After honoured up to <c>Smart:RetryAfterCap</c>), circuit breaker,
/// per-try timeout, from outermost to innermost. One pipeline instance per breaker scope (<see cref="FhirRequestOptions.BreakerScope"/>):
/// the SMART client's and the FHIR client's instances are separate, so FHIR searches never feed the breaker that guards
/// an issuer's token endpoint, and the FHIR breaker counts only failures of the server as a whole
/// (<see cref="TransientFailure.CountsAgainstServer"/>), so one patient's failing searches never open it.
/// </summary>
internal static class FhirResilience
{
    /// <summary>Registers the pipeline on <paramref name="client"/>; <paramref name="name"/> names it in telemetry.</summary>
    public static IHttpClientBuilder AddFhirResilience(this IHttpClientBuilder client, string name)
    {
        client.AddResilienceHandler(name, Configure)
            // Keys are allow-listed FHIR bases and issuers (or, for a request that names none, its origin): few, never PHI.
            .SelectPipelineBy(_ => request => request.Options.TryGetValue(FhirRequestOptions.BreakerScope, out var scope)
                ? scope
                : request.RequestUri is { } uri ? IssuerAllowList.OriginOf(uri) : "");
        // Inside the resilience handler: runs once per try.
        return client.AddHttpMessageHandler(services => new AttemptCountingHandler(services.GetRequiredService<FhirRequestCounter>()));
    }

    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var o = context.ServiceProvider.GetRequiredService<IOptions<SmartClientOptions>>().Value;
        var timeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
        var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FhirResilience));
        builder.TimeProvider = timeProvider;
        if (o.RetryCount > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = o.RetryCount,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.RetryBaseDelay,
                // Our own generator below caps the server's Retry-After; the platform's would wait as long as asked.
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(IsRetrySafe(args.Context.GetRequestMessage()) && TransientFailure.ShouldRetry(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter.Delay(args.Outcome.Result, timeProvider.GetUtcNow(), o.RetryAfterCap)),
                OnRetry = args =>
                {
                    FhirLog.RetryScheduled(logger, args.AttemptNumber + 1, (int?)args.Outcome.Result?.StatusCode ?? 0,
                        args.Outcome.Exception?.GetType().Name ?? "-", (long)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }
        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = o.CircuitBreakerFailureRatio,
            MinimumThroughput = o.CircuitBreakerMinimumThroughput,
            SamplingDuration = o.CircuitBreakerSamplingDuration,
            BreakDuration = o.CircuitBreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(TransientFailure.CountsAgainstServer(args.Outcome)),
            OnOpened = args =>
            {
                FhirLog.CircuitOpened(logger, context.BuilderName, context.InstanceName, (long)args.BreakDuration.TotalMilliseconds);
                return ValueTask.CompletedTask;
            },
        });
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = o.PerTryTimeout });
    }

    // A token POST spends a one-time code, so only idempotent methods and conditional creates (If-None-Exist: a resend
    // finds the first copy) are tried again.
    private static bool IsRetrySafe(HttpRequestMessage? request) =>
        request is not null && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head
            || (request.Options.TryGetValue(FhirRequestOptions.RetrySafeKey, out var safe) && safe));

    /// <summary>
    /// Innermost: counts every try on the wire (SMART calls and retries included) for the requests-per-page figure, and
    /// gives the handler below a token of this try's own. Polly's per-try timeout hands out pooled
    /// CancellationTokenSources and reuses one as soon as the try returns its headers; a handler that keeps watching
    /// the token while the body streams (the test server does) would otherwise see another request's cancellation.
    /// </summary>
    private sealed class AttemptCountingHandler(FhirRequestCounter counter) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.CountAttempt();
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            return await base.SendAsync(request, attempt.Token).ConfigureAwait(false);
        }
    }
}
