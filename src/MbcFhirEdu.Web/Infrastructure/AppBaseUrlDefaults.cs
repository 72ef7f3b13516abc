using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Sandbox;
using MbcFhirEdu.Web.Features.Deliveries;
using MbcFhirEdu.Web.Infrastructure.ApiAuth;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Infrastructure;

/// <summary>
/// Fills every absolute URL a setting leaves empty from <see cref="AppBaseUrl"/>, so one key (<c>Web:PublicBaseUrl</c>,
/// or in Development the listening address) moves them all. A value set explicitly always wins.
/// </summary>
internal sealed class AppBaseUrlDefaults(AppBaseUrl baseUrl, SandboxHosting sandbox, IConfiguration configuration)
    : IPostConfigureOptions<SmartClientOptions>, IPostConfigureOptions<ApiOptions>, IPostConfigureOptions<DeliveryOptions>, IPostConfigureOptions<SandboxOptions>
{
    public const string SandboxFhirPath = SecurityHeaders.SandboxPrefix + "/fhir";

    public void PostConfigure(string? name, SmartClientOptions options)
    {
        if (string.IsNullOrEmpty(options.RedirectUri) && baseUrl.Under("/callback") is { } redirect) options.RedirectUri = redirect;
        if (!sandbox.Enabled) return;
        // The hosted sandbox names itself after the origin the browser used: accept it under every loopback name.
        foreach (var origin in baseUrl.Origins)
        {
            var issuer = origin + SandboxFhirPath;
            if (!options.AllowedIssuers.Contains(issuer, StringComparer.OrdinalIgnoreCase)) options.AllowedIssuers.Add(issuer);
        }
    }

    public void PostConfigure(string? name, ApiOptions options)
    {
        // The hosted sandbox is the EHR the API reads unless one is configured.
        if (!sandbox.Enabled || baseUrl.Under(SandboxFhirPath) is not { } sandboxFhir) return;
        if (string.IsNullOrWhiteSpace(options.FhirBase)) options.FhirBase = sandboxFhir;
    }

    public void PostConfigure(string? name, DeliveryOptions options)
    {
        if (options.PublicBaseUrl is null && baseUrl.Value is { } value) options.PublicBaseUrl = new Uri(value);
    }

    public void PostConfigure(string? name, SandboxOptions options)
    {
        if (baseUrl.Value is null) return;
        if (string.IsNullOrEmpty(configuration["Sandbox:DefaultAppLaunchUrl"])) options.DefaultAppLaunchUrl = baseUrl.Value + "/launch";
        // A client's JWKS given as a path (the app's own /.well-known/jwks.json) lives under the same base.
        foreach (var client in options.Clients.Where(c => c.JwksUrl?.StartsWith('/') == true)) client.JwksUrl = baseUrl.Value + client.JwksUrl;
    }
}

internal static class AppBaseUrlRegistration
{
    /// <summary>Registers <see cref="AppBaseUrl"/> and the defaults it supplies (needs <c>AddSandboxWhenEnabled</c>).</summary>
    public static IServiceCollection AddAppBaseUrl(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => AppBaseUrl.From(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>(), sp.GetRequiredService<SandboxHosting>()));
        services.TryAddSingleton<AppBaseUrlDefaults>();
        services.AddSingleton<IPostConfigureOptions<SmartClientOptions>>(sp => sp.GetRequiredService<AppBaseUrlDefaults>());
        services.AddSingleton<IPostConfigureOptions<ApiOptions>>(sp => sp.GetRequiredService<AppBaseUrlDefaults>());
        services.AddSingleton<IPostConfigureOptions<DeliveryOptions>>(sp => sp.GetRequiredService<AppBaseUrlDefaults>());
        services.AddSingleton<IPostConfigureOptions<SandboxOptions>>(sp => sp.GetRequiredService<AppBaseUrlDefaults>());
        return services;
    }
}
