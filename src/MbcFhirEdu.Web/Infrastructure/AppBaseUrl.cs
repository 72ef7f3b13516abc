using System.Text.RegularExpressions;

namespace MbcFhirEdu.Web.Infrastructure;

/// <summary>
/// The one origin every absolute URL of the app derives from (redirect URI, launch URL, the hosted sandbox's issuer,
/// JWKS URL, API authority, deliveries' links): <c>Web:PublicBaseUrl</c> when set; otherwise, in Development or with
/// the sandbox hosted, the address the app listens on (the first <c>urls</c> entry, a wildcard host read as localhost);
/// otherwise none, and the settings that need it say so at start.
/// </summary>
public sealed partial record AppBaseUrl(string? Value)
{
    public const string Key = "Web:PublicBaseUrl";
    /// <summary>What Program.cs listens on when no <c>urls</c> are given.</summary>
    public const string DefaultListenUrl = "http://localhost:5080";

    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1"];

    /// <summary>
    /// <see cref="Value"/> under every loopback name when it is a loopback origin: a browser sent to 127.0.0.1 instead
    /// of localhost (or the reverse) reaches the same process, so the hosted sandbox's issuer is the same one.
    /// </summary>
    public IReadOnlyList<string> Origins
    {
        get
        {
            if (Value is null) return [];
            var uri = new Uri(Value);
            if (!LoopbackHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase)) return [Value];
            var port = uri.IsDefaultPort ? "" : $":{uri.Port}";
            return [Value, .. LoopbackHosts.Select(h => $"{uri.Scheme}://{h}{port}").Where(o => o != Value)];
        }
    }

    /// <summary>An absolute URL under the base, e.g. <c>/callback</c>; null when there is no base.</summary>
    public string? Under(string path) => Value is null ? null : Value + path;

    public static AppBaseUrl From(IConfiguration configuration, IHostEnvironment environment, SandboxHosting sandbox)
    {
        if (configuration[Key] is { Length: > 0 } configured) return new(configured.TrimEnd('/'));
        if (!environment.IsDevelopment() && !sandbox.Enabled) return new((string?)null);
        return new(ListenOrigin(configuration["urls"]) ?? DefaultListenUrl);
    }

    /// <summary>The first http(s) address of a <c>urls</c> value; <c>+</c>, <c>*</c>, 0.0.0.0 and [::] read as localhost.</summary>
    public static string? ListenOrigin(string? urls)
    {
        foreach (var entry in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Address().Match(entry);
            if (!match.Success) continue;
            var host = match.Groups["host"].Value is "+" or "*" or "0.0.0.0" or "[::]" ? "localhost" : match.Groups["host"].Value.ToLowerInvariant();
            var port = match.Groups["port"].Success ? ":" + match.Groups["port"].Value : "";
            return $"{match.Groups["scheme"].Value.ToLowerInvariant()}://{host}{port}";
        }
        return null;
    }

    [GeneratedRegex(@"^(?<scheme>https?)://(?<host>\[[0-9A-Fa-f:.]+\]|[^/:\[\]]+)(:(?<port>[0-9]{1,5}))?/?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Address();
}
