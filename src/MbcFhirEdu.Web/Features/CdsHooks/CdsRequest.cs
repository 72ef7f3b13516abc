using System.Text.Json;
using MbcFhirEdu.Fhir.Http;

namespace MbcFhirEdu.Web.Features.CdsHooks;

/// <summary>
/// A CDS Hooks 2.0 request for <c>patient-view</c> (§"Calling a CDS Service"): the fields this service uses, checked.
/// The access token is kept only on this object for the life of the call; <see cref="ToString"/> leaves it out.
/// </summary>
internal sealed record CdsRequest
{
    public required string HookInstance { get; init; }
    public required string PatientId { get; init; }
    public string? UserId { get; init; }
    public string? FhirServer { get; init; }
    public string? AccessToken { get; init; }
    /// <summary>
    /// Prefetch values by key; a key absent here was not sent. They are the request document's own elements (not
    /// copies: cloning them copied the whole prefetch once more per call), so they are valid while the caller holds
    /// the document; the endpoint disposes it only after the answer is built.
    /// </summary>
    public required IReadOnlyDictionary<string, JsonElement> Prefetch { get; init; }

    public override string ToString() => $"CdsRequest {{ Prefetch = {Prefetch.Count} keys }}";

    /// <summary>The request, or a message naming what is wrong (returned as 400).</summary>
    public static (CdsRequest? Request, string? Error) Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return (null, "The body must be a JSON object.");
        if (String(root, "hook") is not { } hook) return (null, "hook is required.");
        if (hook != CdsDiscovery.Hook) return (null, $"This service answers the {CdsDiscovery.Hook} hook, not '{Shorten(hook)}'.");
        if (String(root, "hookInstance") is not { Length: > 0 and <= 256 } instance) return (null, "hookInstance is required (a string of at most 256 characters).");
        if (!root.TryGetProperty("context", out var context) || context.ValueKind != JsonValueKind.Object) return (null, "context is required and must be an object.");
        if (String(context, "patientId") is not { } patientId) return (null, "context.patientId is required.");
        if (!FhirPaths.IsValidId(patientId)) return (null, "context.patientId is not a valid FHIR id.");
        var userId = String(context, "userId");

        var fhirServer = String(root, "fhirServer");
        if (root.TryGetProperty("fhirServer", out var fs) && fs.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            return (null, "fhirServer must be a URL string.");
        string? accessToken = null;
        if (root.TryGetProperty("fhirAuthorization", out var auth) && auth.ValueKind != JsonValueKind.Null)
        {
            if (auth.ValueKind != JsonValueKind.Object) return (null, "fhirAuthorization must be an object.");
            if (fhirServer is null) return (null, "fhirAuthorization was sent without fhirServer.");
            accessToken = String(auth, "access_token");
            if (accessToken is not { Length: > 0 and <= 8192 }) return (null, "fhirAuthorization.access_token is required (at most 8192 characters).");
            if (String(auth, "token_type") is { } type && !type.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
                return (null, "fhirAuthorization.token_type must be Bearer.");
        }

        var prefetch = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (root.TryGetProperty("prefetch", out var pre) && pre.ValueKind != JsonValueKind.Null)
        {
            if (pre.ValueKind != JsonValueKind.Object) return (null, "prefetch must be an object.");
            foreach (var property in pre.EnumerateObject())
            {
                if (CdsDiscovery.PrefetchParts.ContainsKey(property.Name)) prefetch[property.Name] = property.Value;
            }
        }
        return (new CdsRequest
        {
            HookInstance = instance,
            PatientId = patientId,
            UserId = userId,
            FhirServer = fhirServer,
            AccessToken = accessToken,
            Prefetch = prefetch,
        }, null);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
