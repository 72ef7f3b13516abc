using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Smart;
using Microsoft.Extensions.Logging.Abstractions;

namespace MbcFhirEdu.Fhir.Tests.Support;

/// <summary>
/// The FHIR client over a <see cref="RecordingHandler"/>, behind the real resilience handler. Polly runs on the real
/// clock with millisecond delays so retries stay fast; options start from small, test-friendly values.
/// </summary>
public sealed class FhirTestHost : IDisposable
{
    public const string Base = "https://ehr.example.org/fhir";

    public FhirTestHost(Action<SmartClientOptions>? configure = null, IAccessTokenSource? tokens = null)
    {
        Options = new SmartClientOptions
        {
            ClientId = FakeEhr.ClientId,
            RedirectUri = SmartTestHost.RedirectUri,
            AllowedIssuers = [Base],
            PerTryTimeout = TimeSpan.FromSeconds(5),
            RetryCount = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryAfterCap = TimeSpan.FromSeconds(2),
            CircuitBreakerMinimumThroughput = 100,
        };
        configure?.Invoke(Options);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Pipelines = new FhirResiliencePipelines(options, TimeProvider.System, NullLogger<FhirResiliencePipelines>.Instance);
        Resilience = new FhirResilienceHandler(Pipelines, Counter) { InnerHandler = Server };
        Http = new HttpClient(Resilience, disposeHandler: false);
        AllowList = new IssuerAllowList(options);
        Tokens = tokens ?? new StaticTokenSource();
        Client = new FhirRestClient(Http, Tokens, AllowList, options, Counter, NullLogger<FhirRestClient>.Instance);
        Loader = new PatientRecordLoader(Client, Tokens, options, TimeProvider.System, NullLogger<PatientRecordLoader>.Instance);
    }

    public RecordingHandler Server { get; } = new();
    public SmartClientOptions Options { get; }
    public FhirRequestCounter Counter { get; } = new();
    public FhirResiliencePipelines Pipelines { get; }
    public FhirResilienceHandler Resilience { get; }
    public HttpClient Http { get; }
    public IssuerAllowList AllowList { get; }
    public IAccessTokenSource Tokens { get; }
    public FhirRestClient Client { get; }
    public PatientRecordLoader Loader { get; }
    public FhirConnection Connection { get; } = new(new Uri(Base), "session-1");

    /// <summary>Answers the requests in turn from <paramref name="responses"/>; the last one repeats.</summary>
    public void RespondInTurn(params Func<HttpResponseMessage>[] responses)
    {
        var next = -1;
        Server.Respond = (_, _) => Task.FromResult(responses[Math.Min(Interlocked.Increment(ref next), responses.Length - 1)]());
    }

    public void Dispose()
    {
        Http.Dispose();
        Resilience.Dispose();
        Pipelines.Dispose();
    }
}
