using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Infrastructure;

/// <summary>Checks what data annotations cannot: every frame-ancestors entry is a safe CSP source expression.</summary>
internal sealed partial class WebOptionsValidator : IValidateOptions<WebOptions>
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
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Only plain keywords and origins: anything else (';', spaces, paths) could rewrite the policy.</summary>
    public static bool IsSource(string? value) => value is not null && Source().IsMatch(value);

    [GeneratedRegex(@"^('self'|'none'|https?://(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]{1,5})?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Source();
}
