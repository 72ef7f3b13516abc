using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Infrastructure;

/// <summary>
/// Checks what data annotations cannot: every frame-ancestors entry is a safe CSP source expression, the public base
/// URL is an origin and is known (set, or the Development listening address), and every proxy is an address or network.
/// </summary>
internal sealed partial class WebOptionsValidator(AppBaseUrl baseUrl) : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.FrameAncestors.Count; i++)
        {
            if (!IsSource(options.FrameAncestors[i]))
                failures.Add($"Web:FrameAncestors:{i} must be 'self', 'none' or an origin like https://portal.example.org.");
        }
        if (options.ContentRoot is { Length: > 0 } root && !Directory.Exists(root))
            failures.Add("Web:ContentRoot names a folder that does not exist.");
        if (options.PublicBaseUrl is { Length: > 0 } publicBase
            && (!Uri.TryCreate(publicBase, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || uri.UserInfo.Length > 0))
            failures.Add("Web:PublicBaseUrl must be an origin such as https://edu.example.org (no path, query or user info).");
        else if (baseUrl.Value is null)
            failures.Add($"{AppBaseUrl.Key} is required outside Development (e.g. https://edu.example.org): every absolute link and the CDS audience derive from it.");
        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _)) failures.Add($"Web:KnownProxies:{i} must be an IP address such as 10.42.0.7.");
        }
        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out _)) failures.Add($"Web:KnownNetworks:{i} must be a network in CIDR form such as 10.42.0.0/16.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Only plain keywords and origins: anything else (';', spaces, paths) could rewrite the policy.</summary>
    public static bool IsSource(string? value) => value is not null && Source().IsMatch(value);

    [GeneratedRegex(@"^('self'|'none'|https?://(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]{1,5})?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Source();
}
