using System.Text.RegularExpressions;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>Checks on the parts of FHIR REST URLs (FHIR R4 §2.21 "RESTful API", §2.24 "Resource ids").</summary>
public static partial class FhirPaths
{
    /// <summary>A FHIR logical id: 1–64 of A–Z a–z 0–9 - . (so it can never smuggle a path or query).</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static bool IsValidType(string? type) => type is not null && TypePattern().IsMatch(type);

    /// <summary>
    /// True when <paramref name="url"/> lies under <paramref name="baseUrl"/>: same scheme, host and port, and a path
    /// equal to the base path or below it. Paging links are followed only then.
    /// </summary>
    public static bool IsUnderBase(Uri url, Uri baseUrl)
    {
        if (!url.IsAbsoluteUri || url.UserInfo.Length > 0) return false;
        if (!string.Equals(url.Scheme, baseUrl.Scheme, StringComparison.OrdinalIgnoreCase)) return false;
        if (!string.Equals(url.IdnHost, baseUrl.IdnHost, StringComparison.OrdinalIgnoreCase) || url.Port != baseUrl.Port) return false;
        var basePath = baseUrl.AbsolutePath.TrimEnd('/');
        var path = url.AbsolutePath;
        return path == basePath || path == basePath + "/" || path.StartsWith(basePath + "/", StringComparison.Ordinal);
    }

    public static Uri Combine(Uri baseUrl, string relative) => new(baseUrl.AbsoluteUri.TrimEnd('/') + "/" + relative);

    [GeneratedRegex("^[A-Za-z0-9\\-\\.]{1,64}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z][A-Za-z]{1,63}$")]
    private static partial Regex TypePattern();
}
