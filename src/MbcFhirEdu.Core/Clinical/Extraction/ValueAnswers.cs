using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// The coded or worded answer of one result part: value codes first, then the value's own words
/// (valueString, CodeableConcept.text), then — last resort — the display of a code we do not know. Anything
/// but a code is free text (rule 19): warned about, and the resource's evidence marked as text.
/// </summary>
internal static class ValueAnswers
{
    public static Answer FromValue(ObservationValue? value, string reference, ExtractionLog log)
    {
        if (value is null) return Answer.None;
        var coded = FromCodes(value.Codes);
        if (coded != Answer.None) return coded;
        if (value.Kind is ValueKind.String or ValueKind.CodeableConcept && TextAnswers.Read(value.Text) is var fromText and not Answer.None)
        {
            // Text beside codes we could not read stands in for those codes: say so.
            log.Warn(reference, value.Codes.Any(c => c.Value.Length > 0)
                ? $"result read from text; code {string.Join(",", value.Codes.Select(Describe))} unrecognised"
                : "result read from free text, no code");
            log.FromText(reference);
            return fromText;
        }
        for (var i = 0; i < value.Codes.Count; i++)
        {
            var code = value.Codes[i];
            if (code.Display is not null && TextAnswers.Read(code.Display) is var fromDisplay and not Answer.None)
            {
                log.Warn(reference, $"result read from the display of unrecognised code {Describe(code)}");
                log.FromText(reference);
                return fromDisplay;
            }
        }
        return Answer.None;
    }

    /// <summary>The answer of the first value code that gives one (a loop: this runs for every result part).</summary>
    public static Answer FromCodes(IReadOnlyList<Code> codes)
    {
        for (var i = 0; i < codes.Count; i++)
        {
            var answer = AnswerCodes.Values.Find(codes[i]) is { } meaning ? FromMeaning(meaning) : Answer.None;
            if (answer != Answer.None) return answer;
        }
        return Answer.None;
    }

    /// <summary>POS/NEG/IND/DET/ND (H and L are left to readers where they mean something).</summary>
    public static Answer FromInterpretation(IReadOnlyList<Code> codes, string? text)
    {
        foreach (var code in codes)
        {
            var answer = AnswerCodes.Interpretation(code) is { } meaning ? FromMeaning(meaning) : Answer.None;
            if (answer != Answer.None) return answer;
        }
        return TextAnswers.Read(text);
    }

    /// <summary>H/L interpretation flags, for results where high means positive (PD-L1, ISH ratio).</summary>
    public static Answer FromHighLow(IReadOnlyList<Code> codes) =>
        codes.Select(AnswerCodes.Interpretation).FirstOrDefault(m => m is AnswerCodes.High or AnswerCodes.LowRange) switch
        {
            AnswerCodes.High => Answer.Positive,
            AnswerCodes.LowRange => Answer.Negative,
            _ => Answer.None,
        };

    private static Answer FromMeaning(string meaning) => meaning switch
    {
        AnswerCodes.Positive or AnswerCodes.Present => Answer.Positive,
        AnswerCodes.Negative or AnswerCodes.Absent => Answer.Negative,
        AnswerCodes.Equivocal => Answer.Equivocal,
        AnswerCodes.NotTested => Answer.NotTested,
        _ => Answer.None,
    };

    internal static string Describe(Code code) => code.System.Length == 0 ? code.Value : $"{code.System}|{code.Value}";
}
