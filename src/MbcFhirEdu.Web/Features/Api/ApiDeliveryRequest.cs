using System.Text.Json;
using MbcFhirEdu.Web.Infrastructure.Json;
using System.Text.RegularExpressions;
using MbcFhirEdu.Web.Features.Deliveries;
using MbcFhirEdu.Web.Features.Materials;

namespace MbcFhirEdu.Web.Features.Api;

/// <summary>
/// The body of <c>POST /api/v1/patients/{id}/deliveries</c>: one JSON object
/// <c>{"materialId": "...", "language": "en"|"es", "note": "...", "sender": "Practitioner/123"}</c> — one material per
/// request (one Idempotency-Key, one delivery, one Communication). Parsed by hand so every error names its field.
/// </summary>
internal sealed partial record ApiDeliveryRequest(string MaterialId, string Language, string? Note, string? Sender)
{
    /// <summary>Bodies above this size are refused (413) before they are parsed.</summary>
    public const int MaxBodyBytes = 16 * 1024;
    public const int MaxSenderLength = 512;
    private static readonly string[] Fields = ["materialId", "language", "note", "sender"];

    // A Practitioner or PractitionerRole reference, relative or absolute (the profile's sender types).
    [GeneratedRegex(@"^(https?://[^\s""<>]{1,400}/)?(Practitioner|PractitionerRole)/[A-Za-z0-9.-]{1,64}$")]
    public static partial Regex SenderReference();

    /// <summary>The parsed request, or the field that is wrong and why.</summary>
    public static (ApiDeliveryRequest? Request, string? Field, string? Error) Parse(ReadOnlySpan<byte> body)
    {
        var (parsed, error) = JsonBody.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 4 });
        if (parsed is not { } document) return (null, "body", error);
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (null, "body", "The body must be one JSON object: {\"materialId\": \"...\", \"language\": \"en\", \"note\": \"...\", \"sender\": \"Practitioner/...\"}.");
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!Fields.Contains(property.Name, StringComparer.Ordinal))
                    return (null, property.Name, $"Unknown field '{Shorten(property.Name)}'; the fields are materialId, language, note and sender.");
                if (property.Value.ValueKind == JsonValueKind.Null && property.Name != "materialId") { values[property.Name] = null; continue; }
                if (property.Value.ValueKind != JsonValueKind.String) return (null, property.Name, $"{property.Name} must be a string.");
                values[property.Name] = property.Value.GetString();
            }
            var materialId = values.GetValueOrDefault("materialId");
            if (string.IsNullOrEmpty(materialId)) return (null, "materialId", "materialId is required (a material id, e.g. bone-metastases).");
            if (!MaterialLibrary.IsValidId(materialId)) return (null, "materialId", "materialId is not a valid material id (lower-case letters, digits and '-').");
            var language = values.GetValueOrDefault("language") ?? "en";
            if (!MaterialLibrary.IsLanguage(language)) return (null, "language", "language must be en or es.");
            var note = values.GetValueOrDefault("note");
            if (note is { Length: > DeliveryService.MaxNoteLength }) return (null, "note", $"note is longer than {DeliveryService.MaxNoteLength} characters.");
            var sender = values.GetValueOrDefault("sender");
            if (sender is not null && (sender.Length > MaxSenderLength || !SenderReference().IsMatch(sender)))
                return (null, "sender", "sender must be a Practitioner or PractitionerRole reference, e.g. Practitioner/123.");
            return (new ApiDeliveryRequest(materialId, language, note, sender), null, null);
        }
    }

    private static string Shorten(string name) => name.Length <= 40 ? name : name[..40] + "…";
}
