using MbcFhirEdu.Fhir.Smart;
using Polly;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>
/// Runs every outbound SMART/FHIR call through the <see cref="FhirResiliencePipelines"/> pipeline of its FHIR base.
/// Only idempotent methods (and conditional creates, marked retry-safe) are retried (a token POST spends a one-time code). The caller's CancellationToken is the
/// overall deadline: cancelling it stops the tries and the waits between them.
/// </summary>
public sealed class FhirResilienceHandler(FhirResiliencePipelines pipelines, FhirRequestCounter counter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = request.Options.TryGetValue(FhirRequestOptions.PipelineKey, out var named) ? named : IssuerAllowList.OriginOf(request.RequestUri!);
        var pipeline = pipelines.For(key);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(FhirResiliencePipelines.Retryable, request.Method == HttpMethod.Get || request.Method == HttpMethod.Head
            || (request.Options.TryGetValue(FhirRequestOptions.RetrySafeKey, out var safe) && safe));
        try
        {
            return await pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendOnceAsync(state.Request, ctx.CancellationToken)),
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counter.CountAttempt();
        return base.SendAsync(request, cancellationToken);
    }
}
