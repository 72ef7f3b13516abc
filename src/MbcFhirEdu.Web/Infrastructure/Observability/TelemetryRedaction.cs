using System.Diagnostics;

namespace MbcFhirEdu.Web.Infrastructure.Observability;

/// <summary>
/// Keeps patient ids out of spans: FHIR URLs carry them in paths (<c>Patient/123</c>) and queries
/// (<c>?patient=123</c>), OAuth callbacks carry codes and states in queries. Ids after a resource type become
/// <c>{id}</c>; queries are dropped.
/// </summary>
internal static class TelemetryRedaction
{
    public static void RedactOutbound(Activity activity, Uri? url)
    {
        if (url is null) return;
        activity.SetTag("url.full", RedactFhirUrl(url));
        activity.SetTag("url.query", null);
    }

    public static void RedactInbound(Activity activity)
    {
        activity.SetTag("url.query", null);
    }

    /// <summary><c>https://ehr/r4/Observation/9?x=1</c> → <c>https://ehr/r4/Observation/{id}</c>.</summary>
    public static string RedactFhirUrl(Uri url)
    {
        if (!url.IsAbsoluteUri) return "{relative}";
        var segments = url.AbsolutePath.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            if (IsResourceType(segments[i - 1]) && segments[i].Length > 0 && segments[i][0] is not ('_' or '$')) segments[i] = "{id}";
        }
        return $"{url.Scheme}://{url.Authority}{string.Join('/', segments)}";
    }

    private static bool IsResourceType(string segment) => segment.Length > 1 && char.IsAsciiLetterUpper(segment[0]) && segment.All(char.IsAsciiLetter);
}
