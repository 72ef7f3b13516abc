using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Sandbox.Features.Entra;

/// <summary>Registers the Entra-shaped provider's services and its <c>Sandbox:Entra</c> settings (validated at start).</summary>
internal static class EntraRegistration
{
    public static IServiceCollection AddSandboxEntra(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SandboxEntraOptions>().Bind(configuration.GetSection(SandboxEntraOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SandboxEntraOptions>, EntraOptionsValidator>());
        services.TryAddSingleton<EntraSigningKey>();
        services.TryAddSingleton<EntraDirectory>();
        services.TryAddSingleton<EntraCodeStore>();
        services.TryAddSingleton<EntraTokenIssuer>();
        services.TryAddSingleton<EntraClientAuthenticator>();
        return services;
    }
}
