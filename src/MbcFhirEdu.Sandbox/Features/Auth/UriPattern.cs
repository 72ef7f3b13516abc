namespace MbcFhirEdu.Sandbox.Features.Auth;

/// <summary>Redirect and launch URI matching: exact string match (OAuth 2.1), except that a loopback host may
/// register <c>:*</c> as its port (RFC 8252 §7.3), which then matches any port or none.</summary>
internal static class UriPattern
{
    private const string AnyPort = ":*";

    public static bool IsValidPattern(string pattern)
    {
        var wildcard = TryWildcard(pattern, out var template);
        return Uri.TryCreate(wildcard ? template : pattern, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && string.IsNullOrEmpty(uri.Fragment)
            && (!wildcard || uri.IsLoopback);
    }

    public static bool Matches(string pattern, string candidate)
    {
        if (string.Equals(pattern, candidate, StringComparison.Ordinal)) return true;
        if (!TryWildcard(pattern, out var template)) return false;
        if (!Uri.TryCreate(template, UriKind.Absolute, out var expected) || !expected.IsLoopback) return false;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var actual)) return false;
        return actual.Scheme == expected.Scheme
            && string.Equals(actual.Host, expected.Host, StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrEmpty(actual.UserInfo)
            && string.IsNullOrEmpty(actual.Fragment)
            && string.Equals(actual.PathAndQuery, expected.PathAndQuery, StringComparison.Ordinal);
    }

    /// <summary>Turns <c>http://127.0.0.1:*/callback</c> into the parseable <c>http://127.0.0.1/callback</c>.</summary>
    private static bool TryWildcard(string pattern, out string template)
    {
        var schemeEnd = pattern.IndexOf("://", StringComparison.Ordinal);
        var authorityEnd = schemeEnd < 0 ? -1 : pattern.IndexOf('/', schemeEnd + 3);
        var authority = authorityEnd < 0 ? "" : pattern[..authorityEnd];
        if (schemeEnd < 0 || !authority.EndsWith(AnyPort, StringComparison.Ordinal))
        {
            template = pattern;
            return false;
        }
        template = authority[..^AnyPort.Length] + pattern[authorityEnd..];
        return true;
    }
}
