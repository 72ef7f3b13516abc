using System.Text.RegularExpressions;
using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// Genomic variants (CODES.md "Genomic variants", rule 10): a gene is detected if any final result says so.
/// The gene comes from a gene-studied component (48018-6, HGNC), an HGNC coding in the value or code,
/// or — with a warning — a known gene symbol in the code's text. A germline test code names its gene when the
/// result does not (LOINC 21639-0 is BRCA1 only, 38531-0 BRCA2), so a negative 21639-0 says nothing about BRCA2.
/// </summary>
internal static partial class VariantReader
{
    public static IReadOnlyDictionary<string, string> Read(ObservationIndex observations, ExtractionLog log)
    {
        var results = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var facts = new FactNames();
        var lookups = new GeneLookups();
        foreach (var observation in observations.Variants)
        {
            var kind = GeneCodes.Observations.FindFirst(observation.Codes);
            if (kind is null) continue;
            var state = ResultStatus.Classify(observation.Reference, observation.Status, log);
            if (state == ResultState.Ignored) continue;

            var detected = Detected(observation, log);
            if (detected is null)
            {
                log.Warn(observation.Reference, "variant result has no present/absent value");
                continue;
            }
            var genes = Genes(observation, lookups, log);
            if (genes.Count == 0 && GeneCodes.GermlineGene(kind) is { } testedGene) genes = [testedGene];
            if (genes.Count == 0)
            {
                log.Warn(observation.Reference, "variant result names no gene");
                continue;
            }
            var value = detected.Value ? ProfileValues.Detected : ProfileValues.NotDetected;
            foreach (var gene in genes)
            {
                log.Evidence(facts.Of(gene, value), observation.Reference, observation.Date, state == ResultState.Final);
                if (state != ResultState.Final) continue;
                // Rule 10: detected anywhere beats not detected anywhere, whatever the dates.
                if (detected.Value || !results.ContainsKey(gene)) results[gene] = value;
            }
        }
        return results;
    }

    /// <summary>"variant:{gene}:{value}", built once while the same gene and value repeat (as repeated tests do).</summary>
    private sealed class FactNames
    {
        private string? gene, value, fact;

        public string Of(string gene, string value)
        {
            if (gene != this.gene || value != this.value)
                (this.gene, this.value, fact) = (gene, value, $"variant:{gene}:{value}");
            return fact!;
        }
    }

    private static bool? Detected(ObservationRecord observation, ExtractionLog log)
    {
        var answer = ValueAnswers.FromValue(observation.Value, observation.Reference, log);
        if (answer == Answer.None) answer = ValueAnswers.FromInterpretation(observation.Interpretations, observation.InterpretationText);
        return answer switch
        {
            Answer.Positive or Answer.Amplified => true,
            Answer.Negative or Answer.NotAmplified => false,
            _ => null,
        };
    }

    private static IReadOnlyList<string> Genes(ObservationRecord observation, GeneLookups lookups, ExtractionLog log)
    {
        // Sorted ordinally, no repeats (a sorted list: one small allocation per result, where a set took several).
        var genes = new List<string>(1);
        var components = observation.Components;
        for (var i = 0; i < components.Count; i++)
        {
            var component = components[i];
            if (!lookups.GeneStudied[component.Codes]) continue;
            // Some senders put the HGNC coding in a Quantity (system/code); the reader keeps those codes too.
            if (component.Value is { } componentValue) AddAll(genes, lookups.HgncGenes[componentValue.Codes]);
            if (component.Value?.Codes.Count is null or 0 && Symbol(component.Value?.Text) is { } symbol) Add(genes, symbol);
        }
        if (observation.Value is { } value) AddAll(genes, lookups.HgncGenes[value.Codes]);
        AddAll(genes, lookups.HgncGenes[observation.Codes]);
        if (genes.Count > 0) return genes;

        foreach (var text in observation.Codes.Select(c => c.Display).Append(observation.CodeText).OfType<string>())
        {
            foreach (Match m in KnownSymbol().Matches(text)) Add(genes, m.Value.ToUpperInvariant());
        }
        if (genes.Count > 0) log.Warn(observation.Reference, $"gene {string.Join(",", genes)} read from the test name text");
        return genes;
    }

    /// <summary>Table answers per code list, worked out once per Read: repeated tests share their lists.</summary>
    private sealed class GeneLookups
    {
        public IdentityMemo<IReadOnlyList<Code>, bool> GeneStudied { get; } = new(GeneCodes.GeneStudied.ContainsAny);
        public IdentityMemo<IReadOnlyList<Code>, List<string>> HgncGenes { get; } = new(HgncGenesOf);

        /// <summary>The genes a list's HGNC codings name: the table's symbol, a symbol-like display, or the id itself.</summary>
        private static List<string> HgncGenesOf(IReadOnlyList<Code> codes)
        {
            var genes = new List<string>(0);
            for (var i = 0; i < codes.Count; i++)
            {
                var code = codes[i];
                if (code.System != CodeSystems.Hgnc || code.Value.Length == 0) continue;
                genes.Add(GeneCodes.Genes.Find(code) ?? Symbol(code.Display) ?? code.Value);
            }
            return genes;
        }
    }

    private static void AddAll(List<string> genes, List<string> found)
    {
        foreach (var gene in found) Add(genes, gene);
    }

    private static void Add(List<string> genes, string gene)
    {
        var at = genes.BinarySearch(gene, StringComparer.Ordinal);
        if (at < 0) genes.Insert(~at, gene);
    }

    /// <summary>An HGNC symbol from a display such as "PALB2"; anything longer or wordier is not trusted.</summary>
    private static string? Symbol(string? display) =>
        display is not null && SymbolPattern().IsMatch(display.Trim()) ? display.Trim().ToUpperInvariant() : null;

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9-]{1,14}$")] private static partial Regex SymbolPattern();
    [GeneratedRegex(@"\b(PIK3CA|ESR1|BRCA1|BRCA2|AKT1|PTEN)\b", RegexOptions.IgnoreCase)] private static partial Regex KnownSymbol();
}
