using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Data.CdsHooks;
using MbcFhirEdu.Data.Deliveries;
using MbcFhirEdu.Data.Smart;
using MbcFhirEdu.Fhir.Smart;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MbcFhirEdu.Data;

/// <summary>Registers every store the app keeps in the database, each only when the host registered none.</summary>
public static class StoreRegistration
{
    /// <summary>
    /// SMART launch states and token sessions (payloads encrypted with the host's Data Protection, which must be
    /// registered), deliveries and the outbox, the audit log, and the CDS Hooks jti replay and feedback stores (bounded
    /// by the <see cref="CdsStoreLimits"/> the host registers). Call after <see cref="DataServiceCollectionExtensions.AddMbcEduData"/>
    /// and before <c>AddSmartOnFhir</c>, whose in-memory stores are only added when none is registered.
    /// </summary>
    public static IServiceCollection AddMbcEduStores(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILaunchStateStore, DbLaunchStateStore>();
        services.TryAddSingleton<ITokenSessionStore, DbTokenSessionStore>();
        services.TryAddSingleton<DeliveryStore>();
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<ICdsJtiStore, DbCdsJtiStore>();
        services.TryAddSingleton<ICdsFeedbackStore, DbCdsFeedbackStore>();
        return services;
    }
}
