using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MbcFhirEdu.Data.Population;

/// <summary>Registers the population run and the worklist (options section <c>Population</c>).</summary>
public static class PopulationServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="PopulationRunner"/> and <see cref="WorklistStore"/>, with <see cref="PopulationOptions"/> validated at
    /// start. Needs <c>AddMbcEduData</c> (the database) and, for the runner, the Bulk Data client (<c>AddBulkData</c>).
    /// </summary>
    public static IServiceCollection AddPopulation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PopulationOptions>().Bind(configuration.GetSection(PopulationOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WorklistStore>();
        services.TryAddSingleton<PopulationRunner>();
        return services;
    }
}
