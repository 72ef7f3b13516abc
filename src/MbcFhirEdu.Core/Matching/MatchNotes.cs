namespace MbcFhirEdu.Core.Matching;

/// <summary>
/// Notes shown above the list, in the requested language and for the audience. Plain words (grade 8 or lower);
/// none of them sounds like a system error, and none reads a part of the record that did not load as "not recorded".
/// </summary>
internal static class MatchNotes
{
    /// <summary>Deceased (CODES.md rule 16): said once, with respect; nothing is offered or sent.</summary>
    public static string Deceased(string language, Audience audience) => (language == "es", audience) switch
    {
        (true, Audience.Clinician) => "El registro indica que este paciente ha fallecido. No se ofrecen materiales y no se puede enviar ninguno.",
        (false, Audience.Clinician) => "The record says this patient has died. No materials are offered and none can be sent.",
        (true, _) => "Los registros indican que esta persona ha fallecido. Lamentamos mucho su pérdida. Aquí no se muestran materiales.",
        _ => "The records say that this person has died. We are very sorry for your loss. No materials are shown here.",
    };

    /// <summary>No breast cancer diagnosis in a record that loaded in full (CODES.md rule 15): nothing is recommended.</summary>
    public static string NoBreastCancer(string language, Audience audience) => (language == "es", audience) switch
    {
        (true, Audience.Clinician) => "No se encontró un diagnóstico de cáncer de mama en el registro (ni un tumor primario de mama, ni antecedentes de cáncer de mama, ni una extensión ligada a un tumor de mama), así que no se recomiendan materiales sobre el cáncer de mama metastásico.",
        (false, Audience.Clinician) => "No breast cancer diagnosis was found in the record (no breast primary, no history of breast cancer, no spread linked to a breast primary), so no materials about metastatic breast cancer are recommended.",
        (true, _) => "No se encontró un diagnóstico de cáncer de mama en el registro, así que aquí no se muestran materiales. Si cree que esto no es correcto, hable con su equipo de atención.",
        _ => "No breast cancer diagnosis was found in the record, so no materials are shown here. If you think this is not right, talk with your care team.",
    };

    /// <summary>Breast cancer not found in the parts that loaded of a partial record: said to clinicians, nothing concluded.</summary>
    public static string NoBreastCancerInLoadedParts(string language) => language == "es"
        ? "No se encontró un diagnóstico de cáncer de mama en las partes que se cargaron; puede estar en la parte que falta."
        : "No breast cancer diagnosis was found in the parts that loaded; it may be in the part that is missing.";

    /// <summary>
    /// A complete record of breast cancer that has not spread: the library is about spread, so what was written for
    /// it is held back. The recorded stage is named when known; clinicians get the ids held back.
    /// </summary>
    public static string NotMetastatic(string language, Audience audience, string stage, IReadOnlyList<string> heldIds)
    {
        var es = language == "es";
        var named = stage is "0" or "I" or "II" or "III" ? (es ? $" (estadio {stage})" : $" (stage {stage})") : "";
        if (audience == Audience.Clinician)
        {
            var note = es
                ? $"El registro muestra cáncer de mama{named} sin extensión a distancia."
                : $"The record shows breast cancer{named} with no distant spread.";
            if (heldIds.Count > 0)
            {
                note += es
                    ? " Se retuvieron los materiales escritos para la enfermedad metastásica: " + string.Join(", ", heldIds) + "."
                    : " Materials written for metastatic disease were held back: " + string.Join(", ", heldIds) + ".";
            }
            return note;
        }
        return es
            ? $"Esta biblioteca trata del cáncer de mama metastásico (que se ha extendido a partes lejanas del cuerpo). Sus registros indican cáncer de mama{named}, pero no que se haya extendido a partes lejanas del cuerpo. Por eso no se muestran los materiales escritos para el cáncer que se ha extendido. Su equipo de atención puede hablarle de su propio cáncer."
            : $"This library is about metastatic breast cancer (cancer that has spread to far parts of the body). Your records list breast cancer{named}, but no spread to far parts of the body. So the materials written for cancer that has spread are not shown. Your care team can tell you about your own cancer.";
    }

    /// <summary>A partial record: the missing parts by name, and that the list rests only on what loaded.</summary>
    public static string Partial(string language, Audience audience, IReadOnlyList<string> missing)
    {
        var es = language == "es";
        var parts = List(missing, es);
        return (es, audience) switch
        {
            (true, Audience.Clinician) => $"El registro no se pudo leer completo. Partes que no se cargaron: {parts}. No se concluye nada de lo que falta; la lista se basa en lo que se cargó, más la guía de señales de alarma para todos.",
            (false, Audience.Clinician) => $"The record could not be fully read: {parts} did not load. Nothing is concluded from what is missing; the list is based on what loaded, plus the warning-signs guide for everyone.",
            (true, _) => $"Su registro no se pudo leer completo. Partes que no se pudieron cargar: {parts}. Esta lista se basa solo en las partes que se cargaron, así que pueden faltar materiales para usted. Pregunte a su equipo de atención por lo que no esté aquí.",
            _ => $"Your record could not be fully read: {parts} could not be loaded. This list is based only on the parts that loaded, so some materials that fit you may be missing. Ask your care team about anything that is not here.",
        };
    }

    public static string Held(string language) => language == "es"
        ? "Algunos resultados nuevos no se muestran aquí hasta que su equipo de atención haya hablado con usted sobre ellos."
        : "Some new results are not shown here until your care team has talked with you about them.";

    public static string Fallback(string language) => language == "es"
        ? "Algunos materiales aún no están en español y se muestran en inglés."
        : "Some materials are not yet in your language and are shown in English.";

    public static string UnsupportedLanguage(string requested) =>
        $"Materials are not available in '{requested}'; they are shown in English.";

    /// <summary>"a, b and c" / "a, b y c"; the caller's names are used as given (already in the reader's words).</summary>
    private static string List(IReadOnlyList<string> names, bool es)
    {
        var clean = names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct().ToList();
        if (clean.Count == 0)
        {
            return es ? "una parte" : "one part";
        }
        var and = es ? " y " : " and ";
        return clean.Count == 1 ? clean[0] : string.Join(", ", clean[..^1]) + and + clean[^1];
    }
}
