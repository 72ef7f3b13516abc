using System.Net;
using MbcFhirEdu.Fhir.Diagnostics;
using MbcFhirEdu.Fhir.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly.Telemetry;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>Registers the SMART client and the resilient FHIR client.</summary>
public static class SmartServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="SmartClientOptions"/> from <c>configuration["Smart"]</c> (validated at start) and registers
    /// discovery, the authorizer, the token provider, in-memory launch-state and session stores (replace them by
    /// registering <see cref="ILaunchStateStore"/>/<see cref="ITokenSessionStore"/> first), the SMART HttpClient and
    /// the typed <see cref="FhirRestClient"/> (both behind the platform's resilience handler) and <see cref="PatientRecordLoader"/>.
    /// </summary>
    public static IServiceCollection AddSmartOnFhir(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmartClientOptions>().Bind(configuration.GetSection(SmartClientOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        return services.AddSmartOnFhirCore();
    }

    /// <summary>As <see cref="AddSmartOnFhir(IServiceCollection, IConfiguration)"/>, configured in code.</summary>
    public static IServiceCollection AddSmartOnFhir(this IServiceCollection services, Action<SmartClientOptions> configure)
    {
        services.AddOptions<SmartClientOptions>().Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        return services.AddSmartOnFhirCore();
    }

    /// <summary>
    /// Binds <see cref="BackendServicesOptions"/> from <c>configuration["BackendServices"]</c> (validated at start when a
    /// client id is set) and registers <see cref="BackendServicesTokenSource"/>. Needs <see cref="AddSmartOnFhir(IServiceCollection, IConfiguration)"/>.
    /// </summary>
    public static IServiceCollection AddSmartBackendServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackendServicesOptions>().Bind(configuration.GetSection(BackendServicesOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BackendServicesOptions>, BackendServicesOptionsValidator>());
        services.TryAddSingleton<BackendServicesTokenSource>();
        return services;
    }

    private static IServiceCollection AddSmartOnFhirCore(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmartClientOptions>, SmartClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IssuerAllowList>();
        services.TryAddSingleton<ILaunchStateStore, InMemoryLaunchStateStore>();
        services.TryAddSingleton<ITokenSessionStore, InMemoryTokenSessionStore>();
        services.TryAddSingleton<SmartDiscovery>();
        services.TryAddSingleton<ClientAssertionFactory>();
        services.TryAddSingleton<SmartTokenClient>();
        services.TryAddSingleton<IdTokenValidator>();
        services.TryAddSingleton<SmartAuthorizer>();
        services.TryAddSingleton<SmartTokenProvider>();
        services.TryAddSingleton<IAccessTokenSource>(sp => sp.GetRequiredService<SmartTokenProvider>());
        services.TryAddSingleton<FhirRequestCounter>();
        services.TryAddTransient<PatientRecordLoader>();
        services.AddMetrics();
        // Polly logs every attempt at Information; retries, breaks and timeouts keep their own (higher) levels.
        services.Configure<TelemetryOptions>(o => o.SeverityProvider = args =>
            args.Event.EventName == "ExecutionAttempt" && args.Event.Severity == ResilienceEventSeverity.Information ? ResilienceEventSeverity.Debug : args.Event.Severity);
        services.TryAddSingleton<FhirClientMetrics>();

        // Two clients, two sets of breakers: FHIR searches never count against the issuer's token endpoint. The
        // factory's own request logging is removed: its lines and scopes carry the URL, and FHIR URLs carry patient ids
        // (FhirLog and SmartLog say what happened without them).
        services.AddHttpClient(FhirRequestOptions.SmartClientName)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler)
            .AddHttpMessageHandler(sp => new FhirMetricsHandler(sp.GetRequiredService<FhirClientMetrics>(), "smart"))
            .AddFhirResilience("smart");
        services.AddHttpClient<FhirRestClient>(FhirRequestOptions.FhirClientName)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler)
            .AddHttpMessageHandler(sp => new FhirMetricsHandler(sp.GetRequiredService<FhirClientMetrics>(), "fhir"))
            .AddFhirResilience("fhir");
        return services;
    }

    // Redirects are not followed: a 3xx could lead off the allow-list. Per-try timeouts and the caller's deadline bound
    // each call; HttpClient's own timeout stays as a last backstop.
    internal static HttpMessageHandler CreatePrimaryHandler() => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        UseCookies = false,
    };
}
