using System.Text.Encodings.Web;
using System.Text.Json;
using MbcFhirEdu.Core.Clinical;

namespace MbcFhirEdu.Cli;

/// <summary>Writes a <see cref="ClinicalProfile"/> as one line of JSON (indented with <c>pretty</c>), in the field order of the DESIGN.md contract.</summary>
public static class ProfileJson
{
    internal static readonly JsonWriterOptions Options = new()
    {
        Indented = false,
        // Non-ASCII text (Spanish titles, reasons) stays readable; JSON-significant characters are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary><see cref="Options"/> indented, for <c>--pretty</c>: for reading, not for NDJSON consumers.</summary>
    internal static readonly JsonWriterOptions PrettyOptions = Options with { Indented = true };

    /// <summary>The <c>--pretty</c> switch shared by <c>profile</c> and <c>recommend</c>.</summary>
    internal static System.CommandLine.Option<bool> PrettyOption() =>
        new("--pretty") { Description = "Indented JSON for reading (default: one JSON object per line, NDJSON)" };

    internal static JsonWriterOptions For(bool pretty) => pretty ? PrettyOptions : Options;

    public static string Write(ClinicalProfile p, bool pretty = false)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, For(pretty)))
        {
            w.WriteStartObject();
            w.WriteString("patient", p.Patient);
            w.WriteBoolean("metastatic", p.Metastatic);
            WriteStrings(w, "sites", p.Sites);
            w.WriteString("stage", p.Stage);
            w.WriteString("recurrence", p.Recurrence);
            w.WriteString("er", p.Er);
            w.WriteString("pr", p.Pr);
            w.WriteString("her2", p.Her2);
            w.WriteString("subtype", p.Subtype);
            w.WriteStartObject("variants");
            foreach (var (gene, value) in p.Variants.OrderBy(v => v.Key, StringComparer.Ordinal)) w.WriteString(gene, value);
            w.WriteEndObject();
            w.WriteString("pdl1", p.Pdl1);
            w.WriteString("language", p.Language);
            w.WriteBoolean("receptorChange", p.ReceptorChange);
            w.WriteString("breastCancer", p.BreastCancer);
            w.WriteBoolean("deceased", p.Deceased);
            w.WriteStartArray("evidence");
            foreach (var e in p.Evidence)
            {
                w.WriteStartObject();
                w.WriteString("fact", e.Fact);
                w.WriteString("resource", e.Resource);
                if (e.Date is { } d) w.WriteString("date", d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                else w.WriteNull("date");
                if (!e.Confirmed) w.WriteBoolean("confirmed", false);
                w.WriteString("source", e.Source);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteStrings(w, "warnings", p.Warnings);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
