using System.Globalization;
using System.Text.Json;
using MbcFhirEdu.Core.Matching;
using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Cli;

/// <summary>
/// Writes a <see cref="RecommendationSet"/> in the DESIGN.md <c>recommend</c> shape, <c>notes</c> included (always
/// present, in the reader's language: deceased, no breast cancer diagnosis, what was held back for want of spread,
/// missing parts of a partial record). Fields beyond the contract (group, fallback language, status, local, clinician
/// evidence) are additions a reader may ignore.
/// </summary>
public static class RecommendJson
{
    /// <param name="catalog">The catalog the set was made from: each material's <c>status</c> (and <c>local</c>) is written from it.</param>
    public static string Write(RecommendationSet set, Audience audience, bool pretty = false, MaterialCatalog? catalog = null)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, ProfileJson.For(pretty)))
        {
            w.WriteStartObject();
            w.WriteString("patient", set.Patient);
            w.WriteString("language", set.Language);
            w.WriteStartArray("materials");
            foreach (var item in set.Items) WriteItem(w, item, audience, catalog?.Find(item.MaterialId, item.Language));
            w.WriteEndArray();
            ProfileJson.WriteStrings(w, "notes", set.Notes);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteItem(Utf8JsonWriter w, Recommendation item, Audience audience, Material? material)
    {
        w.WriteStartObject();
        w.WriteString("id", item.MaterialId);
        w.WriteString("title", item.Title);
        ProfileJson.WriteStrings(w, "topics", item.Topics);
        ProfileJson.WriteStrings(w, "reasons", item.Reasons);
        w.WriteBoolean("urgent", item.Urgent);
        w.WriteString("group", item.Group.ToString().ToLowerInvariant());
        w.WriteString("materialLanguage", item.Language);
        if (item.Fallback) w.WriteBoolean("fallback", true);
        if (material is not null)
        {
            w.WriteString("status", material.Status.ToString().ToLowerInvariant());
            if (material.Local) w.WriteBoolean("local", true);
        }
        if (audience == Audience.Clinician)
        {
            w.WriteStartArray("evidence");
            foreach (var e in item.Evidence)
            {
                w.WriteStartObject();
                w.WriteString("fact", e.Fact);
                w.WriteString("resource", e.Resource);
                if (e.Date is { } d) w.WriteString("date", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                if (!e.Confirmed) w.WriteBoolean("confirmed", false);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
