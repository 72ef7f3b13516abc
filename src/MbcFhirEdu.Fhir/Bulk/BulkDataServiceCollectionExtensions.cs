using MbcFhirEdu.Fhir.Diagnostics;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Smart;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MbcFhirEdu.Fhir.Bulk;

/// <summary>Registers the Bulk Data client.</summary>
public static class BulkDataServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="BulkDataOptions"/> from <c>configuration["BulkData"]</c> (validated at start) and registers
    /// <see cref="IBulkExportClient"/> with its own HttpClient (no redirects, the platform resilience pipeline under the
    /// breaker name "bulk"). Needs <c>AddSmartOnFhir</c> (allow-list, discovery, token client) and
    /// <c>AddSmartBackendServices</c> (the client id and key; the bulk client asks for its own scopes, <c>BulkData:Scope</c>).
    /// </summary>
    public static IServiceCollection AddBulkData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BulkDataOptions>().Bind(configuration.GetSection(BulkDataOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BulkTokenSource>();
        services.TryAddSingleton<BulkTransport>();
        services.AddHttpClient(BulkExportClient.HttpClientName)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(SmartServiceCollectionExtensions.CreatePrimaryHandler)
            .AddHttpMessageHandler(sp => new FhirMetricsHandler(sp.GetRequiredService<FhirClientMetrics>(), "bulk"))
            .AddFhirResilience("bulk");
        services.TryAddSingleton<IBulkExportClient, BulkExportClient>();
        return services;
    }
}
