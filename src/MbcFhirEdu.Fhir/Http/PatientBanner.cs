using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>
/// What a patient banner shows when the EHR asks for one (SMART App Launch 2.2 §2.2 <c>need_patient_banner</c>):
/// the name and birth date from the Patient resource. Read only for display — never logged, never kept.
/// </summary>
public sealed record PatientBanner(string? Name, DateOnly? BirthDate)
{
    private const int MaxNameLength = 200;

    /// <summary>Reads Patient.name (official, then usual, then the first; its text or given + family) and Patient.birthDate.</summary>
    public static PatientBanner? Read(JsonElement? patient)
    {
        if (patient is not { ValueKind: JsonValueKind.Object } resource) return null;
        var name = resource.TryGetProperty("name", out var names) && names.ValueKind == JsonValueKind.Array ? PickName(names) : null;
        DateOnly? birth = resource.TryGetProperty("birthDate", out var b) && b.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(b.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
        return name is null && birth is null ? null : new PatientBanner(name, birth);
    }

    private static string? PickName(JsonElement names)
    {
        JsonElement? chosen = null;
        foreach (var use in new[] { "official", "usual", null })
        {
            foreach (var candidate in names.EnumerateArray())
            {
                if (candidate.ValueKind != JsonValueKind.Object) continue;
                if (use is null || (candidate.TryGetProperty("use", out var u) && u.ValueKind == JsonValueKind.String && u.ValueEquals(use)))
                {
                    chosen = candidate;
                    break;
                }
            }
            if (chosen is not null) break;
        }
        if (chosen is not { } name) return null;
        if (name.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(text.GetString()))
            return Bound(text.GetString()!);
        var parts = new StringBuilder();
        if (name.TryGetProperty("given", out var given) && given.ValueKind == JsonValueKind.Array)
        {
            foreach (var g in given.EnumerateArray())
                if (g.ValueKind == JsonValueKind.String) parts.Append(g.GetString()).Append(' ');
        }
        if (name.TryGetProperty("family", out var family) && family.ValueKind == JsonValueKind.String) parts.Append(family.GetString());
        var joined = parts.ToString().Trim();
        return joined.Length == 0 ? null : Bound(joined);
    }

    private static string Bound(string value) => value.Length <= MaxNameLength ? value.Trim() : value[..MaxNameLength].Trim();

    // A record prints its members; a name and birth date must never reach a log that way.
    public override string ToString() => "PatientBanner { (redacted) }";
}
