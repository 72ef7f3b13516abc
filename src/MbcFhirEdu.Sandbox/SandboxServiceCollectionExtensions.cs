using MbcFhirEdu.Sandbox;
using MbcFhirEdu.Sandbox.Features.Auth;
using MbcFhirEdu.Sandbox.Features.Bulk;
using MbcFhirEdu.Sandbox.Features.Cohort;
using MbcFhirEdu.Sandbox.Features.Entra;
using MbcFhirEdu.Sandbox.Features.Fhir;
using MbcFhirEdu.Sandbox.Features.Launch;
using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the sandbox EHR in a host (the web app in Development, or the sandbox's own Program).</summary>
public static class SandboxServiceCollectionExtensions
{
    /// <summary>Adds the sandbox's services; settings come from the <c>Sandbox</c> section of <paramref name="configuration"/>
    /// and are validated at start.</summary>
    public static IServiceCollection AddSandboxEhr(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SandboxOptions>()
            .Bind(configuration.GetSection(SandboxOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<SandboxSigningKey>();
        services.TryAddSingleton<ClientRegistry>();
        services.TryAddSingleton<ClientKeyFetcher>();
        services.TryAddSingleton<ClientAuthenticator>();
        services.AddHttpClient(ClientKeyFetcher.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(3),
            UseCookies = false,
        });
        services.TryAddSingleton<LaunchStore>();
        services.TryAddSingleton<AuthorizationCodeStore>();
        services.TryAddSingleton<RefreshTokenStore>();
        services.TryAddSingleton<TokenIssuer>();
        services.TryAddSingleton<TokenGrants>();
        services.TryAddSingleton<AccessTokenValidator>();
        services.TryAddSingleton<BearerTokenFilter>();
        services.TryAddSingleton<FhirDataStore>();
        services.TryAddSingleton<CommunicationStore>();
        services.TryAddSingleton<SandboxFaults>();

        services.AddOptions<SandboxCohortOptions>().Bind(configuration.GetSection(SandboxCohortOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SandboxBulkOptions>().Bind(configuration.GetSection(SandboxBulkOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<CohortStore>();
        services.TryAddSingleton<BulkSource>();
        services.TryAddSingleton<BulkJobStore>();
        services.TryAddSingleton<BulkPlanner>();
        services.TryAddSingleton<BulkExporter>();
        services.AddSandboxEntra(configuration);
        return services;
    }
}
