using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// One HER2 result: an IHC score (0-3, with ultralow only when stated), an ISH result (amplified or not), or a
/// bare category ("positive", "negative", "equivocal", "low", "ultralow") with no score behind it.
/// </summary>
internal sealed record Her2Reading(string Reference, DateOnly? Date, int? Score, bool Ultralow, bool? Amplified, string? Bare)
{
    public bool IsSpecific => Score is not null || Amplified is not null;
}

/// <summary>Reads one HER2 result part by its test kind (IHC, ISH, interpretation).</summary>
internal static class Her2PartReader
{
    /// <summary>
    /// ASCO/CAP 2018, simplified: HER2/CEP17 ratio ≥ 2.0 is amplified, below is not (the 2018 groups 2-4
    /// need copy number and IHC together; this service does not second-guess the lab's final call).
    /// </summary>
    public const decimal AmplifiedRatio = 2.0m;

    /// <summary>Mean HER2 copies per nucleus: ≥ 6 amplified, &lt; 4 not; 4-6 alone decides nothing.</summary>
    public const decimal AmplifiedCopies = 6m;
    public const decimal NotAmplifiedCopies = 4m;

    /// <summary>No real HER2/CEP17 ratio is this low; such a value is a unit or data-entry error.</summary>
    private const decimal ImplausibleRatio = 0.3m;

    public static Her2Reading? Read(ObservationRecord observation, ResultPart part, ExtractionLog log)
    {
        var reading = new Her2Reading(observation.Reference, observation.Date, null, false, null, null);
        return part.Kind switch
        {
            MarkerCodes.Her2Ish or MarkerCodes.Her2IshRatio or MarkerCodes.Her2IshCopies => Ish(reading, part, log),
            MarkerCodes.Her2Ihc => Ihc(reading, observation, part, log) ?? Bare(reading, part, log),
            _ => Score(reading, observation, part, log) ?? Bare(reading, part, log),
        };
    }

    private static Her2Reading? Ish(Her2Reading reading, ResultPart part, ExtractionLog log)
    {
        var answer = ValueAnswers.FromValue(part.Value, reading.Reference, log);
        if (answer == Answer.None) answer = ValueAnswers.FromInterpretation(part.Interpretations, part.InterpretationText);
        bool? amplified = answer switch
        {
            Answer.Positive or Answer.Amplified => true,
            Answer.Negative or Answer.NotAmplified => false,
            _ => null,
        };
        amplified ??= Number(reading.Reference, part, log);
        amplified ??= ValueAnswers.FromHighLow(part.Interpretations) switch
        {
            Answer.Positive => true,
            Answer.Negative => false,
            _ => null,
        };
        return amplified is null ? null : reading with { Amplified = amplified };
    }

    private static bool? Number(string reference, ResultPart part, ExtractionLog log)
    {
        if (ComparedNumber.FromValue(part.Value) is not { } reading) return null;
        var n = reading.Number;
        if (part.Kind == MarkerCodes.Her2IshCopies)
        {
            if (n.AtLeast(AmplifiedCopies)) return true;
            if (n.LessThan(NotAmplifiedCopies)) return false;
            log.Warn(reference, "HER2 copy number between 4 and 6 without a ratio: no ISH conclusion");
            return null;
        }
        if (n.Value < ImplausibleRatio)
        {
            log.Warn(reference, "implausible HER2/CEP17 ratio ignored");
            return null;
        }
        return n.AtLeast(AmplifiedRatio);
    }

    private static Her2Reading? Ihc(Her2Reading reading, ObservationRecord observation, ResultPart part, ExtractionLog log)
    {
        if (Score(reading, observation, part, log) is { } scored) return scored;
        // ASCO/CAP defines IHC "equivocal" as 2+; an explicit ultralow statement means IHC 0.
        return ValueAnswers.FromValue(part.Value, reading.Reference, log) switch
        {
            Answer.Equivocal => reading with { Score = 2 },
            Answer.Ultralow => reading with { Score = 0, Ultralow = true },
            _ => null,
        };
    }

    private static Her2Reading? Score(Her2Reading reading, ObservationRecord observation, ResultPart part, ExtractionLog log)
    {
        var value = part.Value;
        int? score = IhcAnswer(value?.Codes ?? []) switch
        {
            AnswerCodes.Ihc0 => 0,
            AnswerCodes.Ihc1 => 1,
            AnswerCodes.Ihc2 => 2,
            AnswerCodes.Ihc3 => 3,
            _ => null,
        };
        if (score is null && value is { Kind: ValueKind.Integer or ValueKind.Quantity } && ComparedNumber.FromValue(value)?.Number.Whole is { } whole && whole <= 3
            && part.Kind == MarkerCodes.Her2Ihc)
            score = whole;
        if (score is null && value is { Kind: ValueKind.String or ValueKind.CodeableConcept } && TextAnswers.IhcScore(value.Text) is { } written)
        {
            score = written;
            log.Warn(reading.Reference, $"HER2 IHC score {written}+ read from free text");
            log.FromText(reading.Reference);
        }
        if (score is null) return null;
        var ultralow = score == 0 && TextAnswers.StatesUltralow(observation.Note, value?.Text, part.InterpretationText);
        return reading with { Score = score, Ultralow = ultralow };
    }

    /// <summary>The first value code that is an IHC score answer (LL4396-9), as its meaning.</summary>
    private static string? IhcAnswer(IReadOnlyList<Code> codes)
    {
        for (var i = 0; i < codes.Count; i++)
        {
            if (AnswerCodes.Values.Find(codes[i]) is { } meaning && meaning.StartsWith("ihc-", StringComparison.Ordinal)) return meaning;
        }
        return null;
    }

    private static Her2Reading? Bare(Her2Reading reading, ResultPart part, ExtractionLog log)
    {
        var answer = ValueAnswers.FromValue(part.Value, reading.Reference, log);
        if (answer == Answer.None) answer = ValueAnswers.FromInterpretation(part.Interpretations, part.InterpretationText);
        return answer switch
        {
            Answer.Positive => reading with { Bare = ProfileValues.Positive },
            Answer.Negative => reading with { Bare = ProfileValues.Negative },
            Answer.Equivocal => reading with { Bare = ProfileValues.Equivocal },
            Answer.Her2Low or Answer.LowPositive => reading with { Bare = ProfileValues.Low },
            Answer.Ultralow => reading with { Bare = ProfileValues.Ultralow },
            Answer.Amplified => reading with { Amplified = true },
            Answer.NotAmplified => reading with { Amplified = false },
            _ => null,
        };
    }
}
