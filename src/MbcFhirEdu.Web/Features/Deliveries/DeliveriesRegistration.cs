using MbcFhirEdu.Web.Infrastructure.Observability;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MbcFhirEdu.Web.Features.Deliveries;

/// <summary>Deliveries, the Communication write-back and the outbox worker (needs <c>AddPersistence</c> and <c>AddSmartOnFhir</c>).</summary>
internal static class DeliveriesRegistration
{
    public static IServiceCollection AddDeliveries(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<DeliveryOptions>, DeliveryLinkValidator>());
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<SessionDeliveryTokenSource>();
        // Session deliveries use the sender's session; API deliveries (BackendServices) a Backend Services token.
        services.TryAddSingleton<IDeliveryTokenSource, BackendDeliveryTokenSource>();
        services.TryAddSingleton<DeliveryService>();
        services.TryAddTransient<DeceasedCheck>();
        services.TryAddSingleton<DeliverySender>();
        services.TryAddSingleton<OutboxWorker>();
        // The mbcedu.outbox.depth gauge of EduMetrics (a cached count of the shared outbox).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxDepthProvider, OutboxDepthGauge>());
        services.TryAddSingleton<Audit.AuditEventExporter>();
        // Always registered; it returns at once when Deliveries:WorkerEnabled is false (read at start, not here).
        services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker>());
        return services;
    }
}
