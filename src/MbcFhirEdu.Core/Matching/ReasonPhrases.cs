using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Core.Matching;

/// <summary>
/// What "your records list …" says for each fact, in English and Spanish. Plain words first, the medical
/// term in brackets where the reader will meet it in the material.
/// </summary>
internal static class ReasonPhrases
{
    private static readonly Dictionary<string, (string En, string Es)> Sites = new()
    {
        ["adrenal"] = ("cancer in an adrenal gland", "cáncer en una glándula suprarrenal"),
        ["bone"] = ("cancer in the bones", "cáncer en los huesos"),
        ["brain"] = ("cancer in the brain", "cáncer en el cerebro"),
        ["contralateral-breast"] = ("cancer in the other breast", "cáncer en la otra mama"),
        ["eye"] = ("cancer in the eye", "cáncer en el ojo"),
        ["leptomeninges"] = ("cancer in the thin layers that cover the brain and spinal cord (leptomeninges)",
            "cáncer en las capas delgadas que cubren el cerebro y la médula espinal (leptomeninges)"),
        ["liver"] = ("cancer in the liver", "cáncer en el hígado"),
        ["lung"] = ("cancer in the lungs", "cáncer en los pulmones"),
        ["lymph-nodes"] = ("cancer in the lymph nodes", "cáncer en los ganglios linfáticos"),
        ["ovary"] = ("cancer in an ovary", "cáncer en un ovario"),
        ["peritoneum"] = ("cancer in the lining of the belly (peritoneum)", "cáncer en la membrana que recubre el abdomen (peritoneo)"),
        ["pleura"] = ("cancer in the lining around the lungs (pleura)", "cáncer en la membrana que rodea los pulmones (pleura)"),
        ["skin"] = ("cancer in the skin", "cáncer en la piel"),
        ["spinal-cord"] = ("cancer in or near the spinal cord", "cáncer en la médula espinal o cerca de ella"),
    };

    private static readonly Dictionary<string, (string En, string Es)> Facts = new()
    {
        [Tags.ErLow] = ("an ER result in the low range (ER-low, 1 to 10 %)",
            "un resultado de RE en el rango bajo (RE bajo, del 1 al 10 %)"),
        [Tags.DeNovo] = ("breast cancer that had already spread when it was first found (de novo)",
            "cáncer de mama que ya se había extendido cuando se encontró por primera vez (de novo)"),
        [Tags.DistantRecurrence] = ("breast cancer that has come back in another part of the body",
            "cáncer de mama que ha regresado en otra parte del cuerpo"),
        [Tags.HrPositive] = ("a cancer that grows with hormones (hormone receptor-positive)",
            "un cáncer que crece con las hormonas (con receptores hormonales positivos)"),
        [Tags.Her2Positive] = ("a HER2-positive cancer", "un cáncer HER2 positivo"),
        [Tags.TripleNegative] = ("a triple-negative cancer", "un cáncer triple negativo"),
        [Tags.ReceptorChange] = ("a change in the cancer's receptor results (ER, PR or HER2)",
            "un cambio en los resultados de receptores del cáncer (RE, RP o HER2)"),
        [Tags.SexMale] = ("you as male", "que usted es hombre"),
    };

    /// <summary>The phrase after "list"/"indican", or null when the fact needs its own sentence shape.</summary>
    public static string? For(ProfileFact fact, string language)
    {
        var es = language == "es";
        var family = Tags.Family(fact.Tag);
        var value = fact.Tag[(family.Length + 1)..];
        if (family == "site")
        {
            return Sites.TryGetValue(value, out var site) ? (es ? site.Es : site.En) : (es ? $"cáncer en: {value}" : $"cancer in: {value}");
        }
        if (family == "variant")
        {
            return es ? $"un cambio (variante) en el gen {value}, encontrado en una prueba genómica"
                : $"a change (variant) in the {value} gene, found by genomic testing";
        }
        if (fact.Tag is Tags.StageIv or Tags.UrgentAnyMetastatic)
        {
            return Spread(fact.Detail, es);
        }
        if (fact.Tag == Tags.Her2Low)
        {
            var word = fact.Detail == "ultralow" ? "ultralow" : "low";
            return es ? $"un cáncer HER2 {(word == "low" ? "bajo" : "ultrabajo")}" : $"a HER2-{word} cancer";
        }
        return Facts.TryGetValue(fact.Tag, out var phrase) ? (es ? phrase.Es : phrase.En) : null;
    }

    /// <summary>
    /// Spread, naming the stage the record gives (issue 13 item 5): "(stage IV)" only for a recorded stage IV (or M1,
    /// which the extractor reads as IV when no stage group is recorded); a lower recorded stage is named as recorded,
    /// an unknown one not at all.
    /// </summary>
    private static string Spread(string? stage, bool es)
    {
        var spread = es ? "cáncer de mama que se ha extendido a otras partes del cuerpo" : "breast cancer that has spread to other parts of the body";
        return stage switch
        {
            "IV" => spread + (es ? " (estadio IV)" : " (stage IV)"),
            "0" or "I" or "II" or "III" => spread + (es ? $" (registrado como estadio {stage})" : $" (stage {stage} on record)"),
            _ => spread,
        };
    }

    /// <summary>"ER, PR and HER2" / "RE, RP y HER2" (the Spanish library's abbreviations) from the fact's comma-separated detail.</summary>
    public static string Markers(string? detail, string language)
    {
        var es = language == "es";
        var names = (detail ?? "ER,PR,HER2").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(name => es ? SpanishMarker(name) : name).ToArray();
        var and = es ? " y " : " and ";
        return names.Length == 1 ? names[0] : string.Join(", ", names[..^1]) + and + names[^1];
    }

    private static string SpanishMarker(string name) => name switch { "ER" => "RE", "PR" => "RP", _ => name };
}
