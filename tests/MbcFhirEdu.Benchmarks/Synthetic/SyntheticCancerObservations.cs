using Hl7.Fhir.Model;
using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Benchmarks.Synthetic.SyntheticObservations;
using static MbcFhirEdu.Benchmarks.Synthetic.SyntheticValues;

namespace MbcFhirEdu.Benchmarks.Synthetic;

/// <summary>
/// Cancer facts as Observations, in the code and value forms CODES.md lists: ER/PR as coded answers or percentages,
/// HER2 by IHC score and by ISH (with ratio and copy-number components), Ki-67 and PD-L1, stage group and TNM
/// categories, genomic variants with gene components.
/// </summary>
internal static class SyntheticCancerObservations
{

    private static readonly CodeableConcept[] PositiveNegative =
    [
        Concept(CodeSystems.Loinc, "LA6576-8", "Positive"), Concept(CodeSystems.Loinc, "LA6577-6", "Negative"),
        Concept(CodeSystems.Snomed, "10828004", "Positive"), Concept(CodeSystems.Snomed, "260385009", "Negative"), Concept(CodeSystems.Loinc, "LA11884-6", "Indeterminate"),
    ];

    private static readonly CodeableConcept[] Her2Scores =
        [Concept(CodeSystems.Loinc, "LA6111-4", "0"), Concept(CodeSystems.Loinc, "LA11841-6", "1+"), Concept(CodeSystems.Loinc, "LA11842-4", "2+"), Concept(CodeSystems.Loinc, "LA11843-2", "3+")];

    private static readonly (string Code, string Display)[] ReceptorCodes =
        [("85337-4", "Estrogen receptor Ag [Presence] in Breast cancer specimen by Immune stain"), ("40556-3", "Estrogen receptor Ag [Presence] in Tissue by Immune stain"),
         ("16112-5", "Estrogen receptor [Interpretation] in Tissue"), ("85339-0", "Progesterone receptor Ag [Presence] in Breast cancer specimen by Immune stain"),
         ("40557-1", "Progesterone receptor Ag [Presence] in Tissue by Immune stain"), ("16113-3", "Progesterone receptor [Interpretation] in Tissue")];

    private static readonly (string Code, string Display)[] ReceptorPercent =
        [("85329-1", "Cells.estrogen receptor/100 cells in Breast cancer specimen by Immune stain"), ("85325-9", "Cells.progesterone receptor/100 cells in Breast cancer specimen by Immune stain")];

    private static readonly (string Code, string Display)[] Genes =
        [("HGNC:8975", "PIK3CA"), ("HGNC:3467", "ESR1"), ("HGNC:1100", "BRCA1"), ("HGNC:1101", "BRCA2"), ("HGNC:391", "AKT1"), ("HGNC:9588", "PTEN"), ("HGNC:11998", "TP53")];

    private static readonly string[] StageGroups = ["0", "IA", "IB", "IIA", "IIB", "IIIA", "IIIB", "IIIC", "IV"];

    public static Observation Build(SyntheticValues values, DateTimeOffset diagnosis) => values.Random.Next(8) switch
    {
        0 or 1 => Receptor(values),
        2 => Her2Ihc(values),
        3 => Her2Ish(values),
        4 => Proliferation(values),
        5 => Stage(values),
        6 => Tnm(values),
        _ => Variant(values),
    };

    private static Observation Receptor(SyntheticValues values)
    {
        if (values.Chance(0.35))
        {
            var (percentCode, percentDisplay) = values.Pick(ReceptorPercent);
            var percent = Coded("laboratory", percentCode, percentDisplay);
            percent.Value = new Quantity(values.Pick([0m, 0.5m, 1m, 5m, 8m, 15m, 40m, 70m, 90m, 95m]), "%") { Comparator = values.Chance(0.1) ? Quantity.QuantityComparator.LessThan : null };
            return percent;
        }
        var (code, display) = values.Pick(ReceptorCodes);
        var observation = Coded("laboratory", code, display);
        if (values.Chance(0.85)) observation.Value = values.Pick(PositiveNegative);
        else observation.Value = new FhirString(values.Pick(["Positive (strong, 90%)", "Negative (<1%)", "Low positive, 5%", "weakly positive"]));
        return observation;
    }

    private static Observation Her2Ihc(SyntheticValues values)
    {
        var observation = values.Chance(0.8)
            ? Coded("laboratory", "85319-2", "HER2 [Presence] in Breast cancer specimen by Immune stain")
            : Coded("laboratory", "18474-7", "HER2 Ag [Presence] in Tissue by Immune stain");
        observation.Value = values.Pick(Her2Scores);
        observation.Method = Concept(CodeSystems.Snomed, "117617002", "Immunohistochemistry procedure");
        return observation;
    }

    private static Observation Her2Ish(SyntheticValues values)
    {
        var observation = values.Chance(0.7)
            ? Coded("laboratory", "85318-4", "HER2 [Presence] in Breast cancer specimen by FISH")
            : Coded("laboratory", "31150-6", "HER2 [Presence] in Tissue by FISH");
        var ratio = values.Between(0.8m, 4.5m, 2);
        observation.Value = ratio >= 2.0m ? Concept(CodeSystems.Loinc, "LA6576-8", "Positive") : Concept(CodeSystems.Loinc, "LA6577-6", "Negative");
        observation.Component =
        [
            Component("49683-6", "HER2/CEP17 ratio", new Quantity(ratio, "{ratio}")),
            Component("74860-8", "HER2 copies per nucleus", new Quantity(values.Between(1.5m, 12m, 1), "{copies}/{nucleus}")),
        ];
        return observation;
    }

    private static Observation Proliferation(SyntheticValues values)
    {
        if (values.Chance(0.5))
        {
            var ki67 = Coded("laboratory", "85330-9", "Ki-67 nuclear Ag [Presence] in Breast cancer specimen by Immune stain");
            ki67.Value = new Quantity(values.Random.Next(1, 80), "%");
            return ki67;
        }
        var pdl1 = Coded("laboratory", "83052-1", "PD-L1 by immune stain");
        pdl1.Value = values.Chance(0.7) ? new Quantity(values.Random.Next(0, 40), "{score}") : values.Pick(PositiveNegative);
        return pdl1;
    }

    private static Observation Stage(SyntheticValues values)
    {
        var observation = values.Chance(0.6)
            ? Coded("survey", "21908-9", "Stage group.clinical Cancer")
            : Coded("survey", "21902-2", "Stage group.pathology Cancer");
        var group = values.Pick(StageGroups);
        observation.Value = values.Chance(0.8) ? Concept(CodeSystems.CancerStaging, group, "Stage " + group) : new FhirString("Stage " + group);
        return observation;
    }

    private static Observation Tnm(SyntheticValues values)
    {
        var (code, display, prefix, categories) = values.Random.Next(3) switch
        {
            0 => ("21905-5", "Primary tumor.clinical [Class] Cancer", "cT", new[] { "1", "1c", "2", "3", "4b" }),
            1 => ("21906-3", "Regional lymph nodes.clinical [Class] Cancer", "cN", new[] { "0", "1", "1mi", "2a", "3" }),
            _ => ("21907-1", "Distant metastases.clinical [Class] Cancer", "cM", new[] { "0", "0", "1" }),
        };
        var observation = Coded("survey", code, display);
        var category = prefix + values.Pick(categories);
        observation.Value = category switch
        {
            "cM0" when values.Chance(0.5) => Concept(CodeSystems.Snomed, "1229901006", "AJCC cM0 category"),
            "cM1" when values.Chance(0.5) => Concept(CodeSystems.Snomed, "55440008", "M1 category"),
            _ => Concept(CodeSystems.CancerStaging, category, category),
        };
        return observation;
    }

    private static Observation Variant(SyntheticValues values)
    {
        var observation = Coded("laboratory", "69548-6", "Genetic variant assessment");
        var detected = values.Chance(0.3);
        observation.Value = detected ? Concept(CodeSystems.Loinc, "LA9633-4", "Present") : Concept(CodeSystems.Loinc, "LA9634-2", "Absent");
        var (hgnc, symbol) = values.Pick(Genes);
        observation.Component =
        [
            Component("48018-6", "Gene studied [ID]", Concept(CodeSystems.Hgnc, hgnc, symbol)),
            Component("48002-0", "Genomic source class [Type]", values.Chance(0.7) ? Concept(CodeSystems.Loinc, "LA6684-0", "Somatic") : Concept(CodeSystems.Loinc, "LA6683-2", "Germline")),
        ];
        if (detected && values.Chance(0.6)) observation.Component.Add(Component("48004-6", "DNA change (c.HGVS)", new FhirString($"c.{values.Random.Next(100, 3500)}A>G")));
        return observation;
    }
}
