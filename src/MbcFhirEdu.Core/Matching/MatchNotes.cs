namespace MbcFhirEdu.Core.Matching;

/// <summary>Notes shown above the list, in the requested language.</summary>
internal static class MatchNotes
{
    public static string NotMetastatic(string language) => language == "es"
        ? "Esta biblioteca trata del cáncer de mama metastásico (que se ha extendido fuera de la mama). Sus registros no lo indican, así que solo se muestran materiales generales y sobre resultados de pruebas."
        : "This library is about metastatic breast cancer (cancer that has spread beyond the breast). Your records do not show that, so only general materials and materials about test results are listed.";

    public static string Held(string language) => language == "es"
        ? "Algunos resultados nuevos no se muestran aquí hasta que su equipo de atención haya hablado con usted sobre ellos."
        : "Some new results are not shown here until your care team has talked with you about them.";

    public static string Fallback(string language) => language == "es"
        ? "Algunos materiales aún no están en español y se muestran en inglés."
        : "Some materials are not yet in your language and are shown in English.";

    public static string UnsupportedLanguage(string requested) =>
        $"Materials are not available in '{requested}'; they are shown in English.";
}
