namespace MbcFhirEdu.Core.Matching;

/// <summary>
/// The few kinds of profile warning a clinician must see before trusting the list (issue 13 item 1): record entries
/// left out as another patient's, records read as one person, spread of unclear origin, spread and no-spread records
/// that disagree, facts read from free text, a search file cut at its first page. Each kind becomes one counted note
/// above the list; the full warnings stay in the profile. The markers are the phrases the reader and the extractor
/// write; <c>WarningDigestTests</c> produces each warning through the real reader and extractor, so a reworded warning
/// fails a test instead of silently dropping out of the notes.
/// </summary>
internal static class WarningDigest
{
    private sealed record Kind(string[] Markers, Func<int, string> En, Func<int, string> Es);

    private static readonly Kind[] Kinds =
    [
        new(["; left out"],
            n => $"{Entries(n)} left out: about another patient, or naming no patient that could be found (see the reading warnings).",
            n => $"{EntriesEs(n)} fuera: son de otro paciente o no nombran a un paciente que se pudo encontrar (vea las advertencias de lectura)."),
        new([": one person,"],
            _ => "Patient records that share an identifier or a Patient.link were read as one person.",
            _ => "Los registros de paciente que comparten un identificador o un Patient.link se leyeron como una sola persona."),
        new(["spread of unclear origin"],
            n => $"Spread that may belong to another primary cancer was not counted as breast cancer spread ({n}).",
            n => $"Una extensión que puede ser de otro cáncer primario no se contó como extensión del cáncer de mama ({n})."),
        new(["(rule 17)"],
            _ => "Records of distant spread and of no distant spread disagree; spread is used.",
            _ => "Hay registros de extensión a distancia y de ausencia de extensión que no coinciden; se usa la extensión."),
        new(["read from free text", "read from text"],
            n => $"{Facts(n)} read from free text, not from codes: check against the record.",
            n => $"{FactsEs(n)} de texto libre, no de códigos: compruébelo en el registro."),
        new([Clinical.ReadMarkers.LongerSearch],
            _ => "The data holds only the first page of a longer search; the rest was not read.",
            _ => "Los datos tienen solo la primera página de una búsqueda más larga; el resto no se leyó."),
    ];

    /// <summary>One note per kind found in <paramref name="warnings"/>, in a fixed order.</summary>
    public static IEnumerable<string> Notes(IReadOnlyList<string> warnings, string language)
    {
        foreach (var kind in Kinds)
        {
            var count = warnings.Count(w => kind.Markers.Any(m => w.Contains(m, StringComparison.Ordinal)));
            if (count > 0) yield return language == "es" ? kind.Es(count) : kind.En(count);
        }
    }

    private static string Entries(int n) => n == 1 ? "1 record entry was" : $"{n} record entries were";
    private static string EntriesEs(int n) => n == 1 ? "1 entrada del registro se dejó" : $"{n} entradas del registro se dejaron";
    private static string Facts(int n) => n == 1 ? "1 fact was" : $"{n} facts were";
    private static string FactsEs(int n) => n == 1 ? "1 dato se leyó" : $"{n} datos se leyeron";
}
