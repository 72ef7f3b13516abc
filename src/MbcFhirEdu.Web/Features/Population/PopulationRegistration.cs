using MbcFhirEdu.Data;
using MbcFhirEdu.Data.Population;
using MbcFhirEdu.Fhir.Bulk;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Population;

/// <summary>
/// Population mode in the web app: the run and the worklist (<c>AddPopulation</c>), and the scheduled run with its lock
/// (needs <c>AddPersistence</c>, <c>AddAppBaseUrl</c>, <c>AddSmartOnFhir</c> and Backend Services, which <c>AddApi</c> registers).
/// </summary>
internal static class PopulationRegistration
{
    public static IServiceCollection AddPopulationMode(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBulkData(configuration); // the runner's Bulk Data client (BulkData:*), with Backend Services tokens
        services.AddPopulation(configuration);
        services.AddOptions<PopulationScheduleOptions>().Bind(configuration.GetSection(PopulationScheduleOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<PopulationScheduleOptions>, PopulationScheduleDefaults>();
        services.TryAddKeyedSingleton(PopulationScheduler.ClockKey, (sp, _) => sp.GetRequiredService<TimeProvider>());
        services.TryAddSingleton<PopulationScheduleStatus>();
        // PostgreSQL: one lock for every replica; SQLite: one instance, so the process's own lock.
        services.TryAddSingleton<IPopulationRunLock>(sp =>
            sp.GetRequiredService<DataServiceCollectionExtensions.DatabaseSettings>().Options.Provider == DatabaseProvider.PostgreSQL
                ? new PostgresRunLock(sp.GetRequiredService<DataServiceCollectionExtensions.DatabaseSettings>())
                : new InProcessRunLock());
        services.TryAddSingleton<PopulationScheduler>();
        // Always registered; it returns at once unless Population:Schedule:Enabled is (or defaults to) true.
        services.AddHostedService(sp => sp.GetRequiredService<PopulationScheduler>());
        return services;
    }
}
