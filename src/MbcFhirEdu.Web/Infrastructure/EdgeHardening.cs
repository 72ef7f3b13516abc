using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Infrastructure;

/// <summary>
/// What the app believes about the request's edge, with ASP.NET Core's own middleware: <c>AllowedHosts</c> defaults to
/// the public base URL's host outside Development; <c>X-Forwarded-For</c>/<c>-Proto</c> only from
/// <c>Web:KnownProxies</c>/<c>Web:KnownNetworks</c>; HSTS from <c>Web:Hsts*</c> (added by <see cref="SecurityHeaders"/>);
/// no <c>Server</c> header.
/// </summary>
internal static class EdgeHardening
{
    public const string AllowedHostsKey = "AllowedHosts";

    public static IServiceCollection AddEdgeHardening(this IServiceCollection services)
    {
        // Runs after the framework's own fallback ("*" when AllowedHosts is unset), so an explicit value still wins.
        services.AddOptions<HostFilteringOptions>().PostConfigure<AppBaseUrl, IHostEnvironment, IConfiguration>((options, baseUrl, environment, configuration) =>
        {
            if (environment.IsDevelopment() || !string.IsNullOrEmpty(configuration[AllowedHostsKey]) || baseUrl.Value is null) return;
            options.AllowedHosts = [new Uri(baseUrl.Value).Host];
        });

        // PostConfigure: also overrides ASPNETCORE_FORWARDEDHEADERS_ENABLED's "any proxy" (empty lists mean trust all).
        services.AddOptions<ForwardedHeadersOptions>().PostConfigure<IOptions<WebOptions>>((options, web) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in web.Value.KnownProxies) if (IPAddress.TryParse(proxy, out var address)) options.KnownProxies.Add(address);
            foreach (var network in web.Value.KnownNetworks) if (System.Net.IPNetwork.TryParse(network, out var parsed)) options.KnownIPNetworks.Add(parsed);
            // None configured: a list that matches no client, never the empty lists that the middleware reads as "any".
            if (options.KnownProxies.Count == 0 && options.KnownIPNetworks.Count == 0) options.KnownProxies.Add(IPAddress.None);
        });
        services.AddTransient<IStartupFilter, ForwardedHeadersFirst>();

        services.AddOptions<HstsOptions>().Configure<IOptions<WebOptions>>((options, web) =>
        {
            options.MaxAge = web.Value.HstsMaxAge;
            options.IncludeSubDomains = web.Value.HstsIncludeSubDomains;
        });
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);
        return services;
    }

    /// <summary>HSTS on HTTPS responses outside Development (after the forwarded scheme is applied).</summary>
    public static IApplicationBuilder UseHstsOutsideDevelopment(this IApplicationBuilder app)
    {
        var web = app.ApplicationServices.GetRequiredService<IOptions<WebOptions>>().Value;
        return web.HstsEnabled && !app.ApplicationServices.GetRequiredService<IHostEnvironment>().IsDevelopment() ? app.UseHsts() : app;
    }

    /// <summary>Forwarded headers before every other middleware of the app, and only when a proxy is configured.</summary>
    private sealed class ForwardedHeadersFirst(IOptions<WebOptions> web) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (web.Value.KnownProxies.Count > 0 || web.Value.KnownNetworks.Count > 0) app.UseForwardedHeaders();
            next(app);
        };
    }
}
