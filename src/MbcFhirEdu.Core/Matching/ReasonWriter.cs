using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Core.Matching;

/// <summary>
/// Builds the "why you are seeing this" sentences from a fact and its evidence: "Your records from 2 March
/// 2024 list cancer in the bones." / "Sus registros del 2 de marzo de 2024 indican cáncer en los huesos."
/// The date is that of the newest dated evidence; without one the sentence has no date. For clinicians the
/// resource ids follow in brackets before the full stop: "… in the bones (Condition/c1, 2024-03-02)."
/// </summary>
internal static class ReasonWriter
{
    public static string General(string language) => language == "es"
        ? "Esta es información básica para cualquier persona con cáncer de mama."
        : "This is basic information for anyone with breast cancer.";

    public static string For(ProfileFact fact, string language, Audience audience)
    {
        var es = language == "es";
        var newest = fact.Evidence.Select(e => e.Date).Where(d => d is not null).Max();
        var from = newest is { } date ? (es ? " del " : " from ") + ReasonDates.Long(date, language) : "";
        string sentence;
        if (fact.Tag == Tags.UrgentAnyMetastatic && fact.Detail == ProfileFacts.PartialRecord)
        {
            // Nothing in the record grounds it: the gap does, and the gap is never read as "not recorded".
            return es
                ? "No se pudo leer una parte de su registro, así que se incluye esta guía de señales de alarma por seguridad."
                : "Part of your record could not be read, so this guide to warning signs is included to be safe.";
        }
        if (fact.Tag == Tags.BiomarkerUnknown)
        {
            var markers = ReasonPhrases.Markers(fact.Detail, language);
            sentence = es ? $"Sus registros{from} no muestran un resultado claro de {markers}" : $"Your records{from} do not show a clear result for {markers}";
        }
        else
        {
            var phrase = ReasonPhrases.For(fact, language) ?? fact.Tag;
            sentence = es ? $"Sus registros{from} indican {phrase}" : $"Your records{from} list {phrase}";
        }
        if (audience == Audience.Clinician && fact.Evidence.Count > 0)
        {
            sentence += " (" + string.Join("; ", fact.Evidence
                .OrderBy(e => e.Date ?? DateOnly.MinValue).ThenBy(e => e.Resource, StringComparer.Ordinal)
                .Select(e => Reference(e, es))) + ")";
        }
        return sentence + ".";
    }

    private static string Reference(Evidence e, bool es)
    {
        var parts = new List<string> { e.Resource };
        if (e.Date is { } date)
        {
            parts.Add(ReasonDates.Iso(date));
        }
        if (!e.Confirmed)
        {
            parts.Add(es ? "sin confirmar" : "unconfirmed");
        }
        return string.Join(", ", parts);
    }
}
