namespace MbcFhirEdu.Web.Features.Coordinator;

/// <summary>
/// How the delivery history names a sender: by the display name stored with the delivery when there is one; else (rows
/// from before names were stored, an EHR that would not give the name) by the fhirUser — often a full URL such as
/// <c>https://ehr/fhir/Practitioner/onc-halloway</c> — shown as resource type and id ("Practitioner onc-halloway"):
/// readable, and never a raw URL.
/// </summary>
internal static class SenderLabel
{
    public static string For(string sender, string? name) => string.IsNullOrWhiteSpace(name) ? For(sender) : name.Trim();

    public static string For(string sender)
    {
        var path = sender.Trim();
        if (Uri.TryCreate(path, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            path = uri.AbsolutePath;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // A versioned reference (…/Practitioner/1/_history/2) names the same person.
        var history = Array.IndexOf(segments, "_history");
        if (history >= 0)
        {
            segments = segments[..history];
        }

        if (segments.Length >= 2 && IsResourceType(segments[^2]))
        {
            return $"{segments[^2]} {Uri.UnescapeDataString(segments[^1])}";
        }

        // An API client id or anything else without a FHIR shape: shown as it is, but never as a URL.
        return segments.Length > 0 && path != sender.Trim() ? Uri.UnescapeDataString(segments[^1]) : sender;
    }

    private static bool IsResourceType(string segment) =>
        segment.Length > 0 && char.IsAsciiLetterUpper(segment[0]) && segment.All(char.IsAsciiLetter);
}
