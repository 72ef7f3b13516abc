using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Smart;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Fhir.Tests.Support;

/// <summary>
/// The FHIR and SMART clients as <c>AddSmartOnFhir</c> registers them (typed HttpClients from IHttpClientFactory behind
/// the platform's resilience handler), with a <see cref="RecordingHandler"/> as the network. Polly runs on the real
/// clock with millisecond delays so retries stay fast; options start from small, test-friendly values.
/// </summary>
public sealed class FhirTestHost : IDisposable
{
    public const string Base = "https://ehr.example.org/fhir";

    private readonly ServiceProvider _services;

    public FhirTestHost(Action<SmartClientOptions>? configure = null, IAccessTokenSource? tokens = null)
    {
        var services = new ServiceCollection().AddLogging();
        // Before AddSmartOnFhir, which adds its own token source only when none is registered.
        services.AddSingleton(tokens ?? new StaticTokenSource());
        services.AddSmartOnFhir(o =>
        {
            o.ClientId = FakeEhr.ClientId;
            o.RedirectUri = SmartTestHost.RedirectUri;
            o.AllowedIssuers = [Base];
            o.PerTryTimeout = TimeSpan.FromSeconds(5);
            o.RetryCount = 2;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RetryAfterCap = TimeSpan.FromSeconds(2);
            o.CircuitBreakerMinimumThroughput = 100;
            configure?.Invoke(o);
        });
        foreach (var name in new[] { FhirRequestOptions.FhirClientName, FhirRequestOptions.SmartClientName })
            services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => Server);
        _services = services.BuildServiceProvider();
        Options = _services.GetRequiredService<IOptions<SmartClientOptions>>().Value;
        Counter = _services.GetRequiredService<FhirRequestCounter>();
        AllowList = _services.GetRequiredService<IssuerAllowList>();
        Tokens = _services.GetRequiredService<IAccessTokenSource>();
        var factory = _services.GetRequiredService<IHttpClientFactory>();
        Http = factory.CreateClient(FhirRequestOptions.FhirClientName);
        SmartHttp = factory.CreateClient(FhirRequestOptions.SmartClientName);
        Client = _services.GetRequiredService<FhirRestClient>();
        Loader = _services.GetRequiredService<PatientRecordLoader>();
    }

    public RecordingHandler Server { get; } = new();
    public SmartClientOptions Options { get; }
    public FhirRequestCounter Counter { get; }
    /// <summary>The FHIR client's HttpClient (what <see cref="Client"/> sends through).</summary>
    public HttpClient Http { get; }
    /// <summary>The SMART client's HttpClient (discovery, token endpoint, JWKS).</summary>
    public HttpClient SmartHttp { get; }
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
        SmartHttp.Dispose();
        _services.Dispose();
    }
}
