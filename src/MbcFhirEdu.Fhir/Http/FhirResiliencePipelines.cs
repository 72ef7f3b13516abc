using System.Collections.Concurrent;
using MbcFhirEdu.Fhir.Smart;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>
/// One Polly pipeline per FHIR base URL — retry (exponential backoff with jitter, Retry-After honoured up to a cap),
/// circuit breaker, per-try timeout, from outermost to innermost — so that one failing EHR opens only its own
/// circuit. Keys come only from allow-listed issuers, so the registry stays small. Register as a singleton.
/// </summary>
public sealed class FhirResiliencePipelines : IDisposable
{
    /// <summary>Set false on a request's context for non-idempotent calls (token POSTs): they are tried once.</summary>
    internal static readonly ResiliencePropertyKey<bool> Retryable = new("MbcFhirEdu.Fhir.Retryable");

    private readonly ResiliencePipelineRegistry<string> _registry = new();
    private readonly ConcurrentDictionary<string, CircuitBreakerStateProvider> _states = new(StringComparer.Ordinal);
    private readonly SmartClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<FhirResiliencePipelines> _logger;

    public FhirResiliencePipelines(IOptions<SmartClientOptions> options, TimeProvider timeProvider, ILogger<FhirResiliencePipelines> logger)
    {
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The pipeline for a FHIR base (or, for other calls, an origin), created on first use.</summary>
    public ResiliencePipeline<HttpResponseMessage> For(string key) =>
        _registry.GetOrAddPipeline<HttpResponseMessage>(key, (builder, context) => Configure(builder, context.PipelineKey));

    /// <summary>The circuit state for <paramref name="key"/>, for health pages and tests.</summary>
    public CircuitState GetCircuitState(string key)
    {
        For(key);
        return _states.TryGetValue(key, out var provider) ? provider.CircuitState : CircuitState.Closed;
    }

    private void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, string key)
    {
        var o = _options;
        builder.TimeProvider = _timeProvider;
        if (o.RetryCount > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = o.RetryCount,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Context.Properties.GetValue(Retryable, true) && TransientFailure.ShouldRetry(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter.Delay(args.Outcome.Result, _timeProvider.GetUtcNow(), o.RetryAfterCap)),
                OnRetry = args =>
                {
                    FhirLog.RetryScheduled(_logger, args.AttemptNumber + 1, (int?)args.Outcome.Result?.StatusCode ?? 0,
                        args.Outcome.Exception?.GetType().Name ?? "-", (long)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }
        var state = new CircuitBreakerStateProvider();
        _states[key] = state;
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = o.CircuitBreakerFailureRatio,
            MinimumThroughput = o.CircuitBreakerMinimumThroughput,
            SamplingDuration = o.CircuitBreakerSamplingDuration,
            BreakDuration = o.CircuitBreakerBreakDuration,
            StateProvider = state,
            ShouldHandle = args => ValueTask.FromResult(TransientFailure.CountsAsFailure(args.Outcome)),
            OnOpened = args =>
            {
                FhirLog.CircuitOpened(_logger, key, (long)args.BreakDuration.TotalMilliseconds);
                return ValueTask.CompletedTask;
            },
        });
        builder.AddTimeout(o.PerTryTimeout);
    }

    public void Dispose() => _registry.Dispose();
}
