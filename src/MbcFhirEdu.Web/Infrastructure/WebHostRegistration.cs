using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Infrastructure;

/// <summary>The host's own services: validated <see cref="WebOptions"/> and server-side rendering of Razor components.</summary>
internal static class WebHostRegistration
{
    public static IServiceCollection AddWebHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebOptions>().Bind(configuration.GetSection(WebOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebOptions>, WebOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // AllowedHosts, trusted proxies, HSTS, no Server header.
        services.AddEdgeHardening();
        // Static server rendering only: no interactive mode, so no script reaches the browser.
        services.AddRazorComponents();
        // Encode only what HTML needs (<, >, &, quotes): Spanish text stays readable instead of becoming &#xF1; entities.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return services;
    }
}
