using MbcFhirEdu.Core.Clinical.Codes;

namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// What a Condition's codes and words say about cancer, worked out once per code list and once per text for one
/// extraction (<see cref="IdentityMemo{TKey, TValue}"/>): the primary, secondary and unknown-code rules all ask
/// these questions of every Condition, and a chart repeats the same few code lists and texts.
/// </summary>
internal sealed class ConditionClues
{
    private readonly IdentityMemo<IReadOnlyList<Code>, CodeClues> codes = new(CodeClues.Of);
    private readonly IdentityMemo<string, bool> mentionsSpread = new(TextClues.MentionsSpread);
    private readonly IdentityMemo<string, bool> looksLikeCancer = new(TextClues.LooksLikeCancer);
    private readonly IdentityMemo<string, bool> saysOtherPrimary = new(TextClues.SaysOtherPrimaryCancer);
    private readonly IdentityMemo<string, bool> mentionsBreast = new(TextClues.MentionsBreast);

    /// <summary>A primary breast cancer code, or 363346000 with a breast bodySite.</summary>
    public bool IsCodedPrimary(ConditionRecord condition)
    {
        var clues = codes[condition.Codes];
        return clues.CodedPrimary
            || (clues.GenericMalignancy
                && (PrimaryCancerCodes.BreastBodySites.ContainsAny(condition.BodySites) || PrimaryCancerCodes.BreastTopography.ContainsAny(condition.BodySites)));
    }

    /// <summary>A secondary (metastatic) cancer code of any pattern, or a HistoryOfMetastaticCancer code.</summary>
    public bool IsCodedSecondary(ConditionRecord condition) => codes[condition.Codes].CodedSecondary;

    /// <summary>Personal history of breast cancer: ICD-10 Z85.3 or SNOMED 429087003 (rule 15).</summary>
    public bool IsIcdHistory(ConditionRecord condition) => codes[condition.Codes].IcdHistory;

    /// <summary>Family history of breast cancer (429740004): a relative's cancer, never the patient's (rule 15).</summary>
    public bool IsFamilyHistory(ConditionRecord condition) => codes[condition.Codes].FamilyHistory;

    /// <summary>An ICD-10 primary cancer other than breast (C00-C76 except C50, C81-C96).</summary>
    public bool IsIcdOtherPrimary(ConditionRecord condition) => codes[condition.Codes].IcdOtherPrimary;

    /// <summary>The generic 363346000, or a display naming a malignancy but no organ: the bodySite names the organ.</summary>
    public bool IsMalignantWithoutOrgan(ConditionRecord condition) =>
        codes[condition.Codes] is var clues && (clues.GenericMalignancy || clues.MalignantWithoutOrgan);

    /// <summary>A code display or the text names a primary cancer of another organ than breast (rule 15).</summary>
    public bool SaysOtherPrimary(ConditionRecord condition) =>
        codes[condition.Codes].OtherPrimaryByDisplay || (condition.Text is { } text && saysOtherPrimary[text]);

    /// <summary>The text or the bodySite text names the breast.</summary>
    public bool TextMentionsBreast(ConditionRecord condition) =>
        (condition.Text is { } text && mentionsBreast[text]) || (condition.BodySiteText is { } site && mentionsBreast[site]);

    /// <summary>A SNOMED display that reads as primary breast cancer.</summary>
    public bool SaysPrimaryByDisplay(ConditionRecord condition) => codes[condition.Codes].PrimaryByDisplay;

    /// <summary>Coded as a primary breast cancer, or a SNOMED display that reads as one.</summary>
    public bool SaysPrimary(ConditionRecord condition) => IsCodedPrimary(condition) || SaysPrimaryByDisplay(condition);

    /// <summary>The first code display that mentions spread, else the text if it does; null when neither does.</summary>
    public string? SpreadWords(ConditionRecord condition) =>
        codes[condition.Codes].SpreadDisplay ?? (condition.Text is { } text && mentionsSpread[text] ? text : null);

    /// <summary>Rule 14: a display or the text reads as cancer, or an ICD-10 C code.</summary>
    public bool LooksLikeCancer(ConditionRecord condition) =>
        codes[condition.Codes].LooksLikeCancer || (condition.Text is { } text && looksLikeCancer[text]);

    private sealed record CodeClues(
        bool CodedPrimary, bool GenericMalignancy, bool CodedSecondary, bool IcdHistory, bool PrimaryByDisplay,
        string? SpreadDisplay, bool LooksLikeCancer, bool FamilyHistory, bool IcdOtherPrimary,
        bool MalignantWithoutOrgan, bool OtherPrimaryByDisplay)
    {
        public static CodeClues Of(IReadOnlyList<Code> codes)
        {
            bool primaryByDisplay = false, looksLikeCancer = false, malignantWithoutOrgan = false, otherPrimaryByDisplay = false;
            string? spreadDisplay = null;
            for (var i = 0; i < codes.Count; i++)
            {
                var code = codes[i];
                primaryByDisplay |= code.System == CodeSystems.Snomed && TextClues.SaysPrimaryBreastCancer(code.Display);
                looksLikeCancer |= TextClues.LooksLikeCancer(code.Display) || IsIcdMalignant(code);
                if (spreadDisplay is null && TextClues.MentionsSpread(code.Display)) spreadDisplay = code.Display;
                var otherOrgan = TextClues.SaysOtherPrimaryCancer(code.Display);
                otherPrimaryByDisplay |= otherOrgan;
                malignantWithoutOrgan |= !otherOrgan && TextClues.SaysMalignant(code.Display) && !TextClues.MentionsSpread(code.Display);
            }
            return new CodeClues(
                CodedPrimary: PrimaryCancerCodes.SnomedDisorders.ContainsAny(codes) || PrimaryCancerCodes.IcdBreast.ContainsAny(codes),
                GenericMalignancy: PrimaryCancerCodes.GenericMalignancy.ContainsAny(codes),
                CodedSecondary: MetastasisCodes.SnomedDisorders.ContainsAny(codes) || MetastasisCodes.GenericSecondary.ContainsAny(codes)
                    || MetastasisCodes.History.ContainsAny(codes) || MetastasisCodes.IcdSecondary.ContainsAny(codes),
                IcdHistory: PrimaryCancerCodes.IcdHistory.ContainsAny(codes) || PrimaryCancerCodes.SnomedHistory.ContainsAny(codes),
                PrimaryByDisplay: primaryByDisplay,
                SpreadDisplay: spreadDisplay,
                LooksLikeCancer: looksLikeCancer,
                FamilyHistory: PrimaryCancerCodes.FamilyHistory.ContainsAny(codes),
                IcdOtherPrimary: OtherPrimaryCodes.IcdOtherPrimary.ContainsAny(codes),
                MalignantWithoutOrgan: malignantWithoutOrgan,
                OtherPrimaryByDisplay: otherPrimaryByDisplay);
        }

        private static bool IsIcdMalignant(Code code) =>
            PrimaryCancerCodes.IcdSystems.Contains(code.System) && code.Value.StartsWith('C');
    }
}
