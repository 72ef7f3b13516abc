using System.Text.RegularExpressions;

namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>
/// The last resort: what free text (Condition.text, a code's display, bodySite text) says when no code was
/// recognised. Every use of these clues must raise a warning; matching is on whole words, lower case.
/// </summary>
internal static partial class TextClues
{
    private static readonly (Regex Pattern, string Site, bool Regional)[] SiteWords =
    [
        (ContralateralBreast(), "contralateral-breast", false),
        (BoneMarrow(), "bone", false),
        (Axillary(), "lymph-nodes", true),
        (Nodes(), "lymph-nodes", false),
        (Meninges(), "leptomeninges", false),
        (SpinalCord(), "spinal-cord", false),
        (Bone(), "bone", false),
        (Liver(), "liver", false),
        (Lung(), "lung", false),
        (Brain(), "brain", false),
        (Pleura(), "pleura", false),
        (Skin(), "skin", false),
        (Adrenal(), "adrenal", false),
        (Ovary(), "ovary", false),
        (Peritoneum(), "peritoneum", false),
        (Eye(), "eye", false),
    ];

    /// <summary>Sites a text names (at most one per key; an axillary mention wins over plain "lymph node").</summary>
    public static IReadOnlyList<(string Site, bool Regional)> Sites(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var t = text.ToLowerInvariant();
        var found = new List<(string Site, bool Regional)>();
        foreach (var (pattern, site, regional) in SiteWords)
        {
            if (pattern.IsMatch(t) && found.All(f => f.Site != site)) found.Add((site, regional));
        }
        return found;
    }

    public static bool MentionsSpread(string? text)
    {
        if (text is null) return false;
        Span<char> buffer = stackalloc char[StackLimit];
        return Spread().IsMatch(Lower(text, buffer));
    }

    /// <summary>Rule 14: display or text mentions malignant, metastatic, secondary, carcinoma or neoplasm.</summary>
    public static bool LooksLikeCancer(string? text)
    {
        if (text is null) return false;
        Span<char> buffer = stackalloc char[StackLimit];
        return Cancer().IsMatch(Lower(text, buffer));
    }

    /// <summary>A primary breast cancer in words: breast + malignancy, and not secondary, in situ, benign or history.</summary>
    public static bool SaysPrimaryBreastCancer(string? text)
    {
        if (text is null) return false;
        Span<char> buffer = stackalloc char[StackLimit];
        var t = Lower(text, buffer);
        return BreastWord().IsMatch(t) && Malignant().IsMatch(t) && !Spread().IsMatch(t) && !NotPrimary().IsMatch(t);
    }

    /// <summary>
    /// Rule 15: words naming a primary cancer that is not breast — a malignancy word and a named organ or cancer type
    /// other than breast, with no spread, breast, in-situ, benign, history or family words. A bare "carcinoma" names
    /// no organ and is left alone: taking a breast cancer for another one would hide its spread.
    /// </summary>
    public static bool SaysOtherPrimaryCancer(string? text)
    {
        if (text is null) return false;
        var t = text.ToLowerInvariant();
        return (Malignant().IsMatch(t) || CancerType().IsMatch(t)) && OtherOrgan().IsMatch(t)
            && !BreastWord().IsMatch(t) && !GermanBreast().IsMatch(t) && !Spread().IsMatch(t) && !NotPrimary().IsMatch(t);
    }

    /// <summary>A value that says there is none: "None", "no", "keine", "nein", "absent", "not present".</summary>
    public static bool SaysNone(string? text) => text is not null && NoneWords().IsMatch(text.Trim().ToLowerInvariant());

    /// <summary>A malignancy word with no organ: "Malignant neoplastic disease", "Carcinoma", "Malignant tumor".</summary>
    public static bool SaysMalignant(string? text) => text is not null && Malignant().IsMatch(text.ToLowerInvariant());

    /// <summary>Breast in English or German words ("breast", "mammary", "Mamma", "Brust").</summary>
    public static bool MentionsBreast(string? text) =>
        text is not null && (BreastWord().IsMatch(text.ToLowerInvariant()) || GermanBreast().IsMatch(text.ToLowerInvariant()));

    /// <summary>"History of … metastatic …" as a display of an unknown HistoryOfMetastaticCancer descendant.</summary>
    public static bool SaysHistoryOfMetastasis(string? text)
    {
        if (text is null) return false;
        Span<char> buffer = stackalloc char[StackLimit];
        var t = Lower(text, buffer);
        return HistoryOf().IsMatch(t) && Spread().IsMatch(t);
    }

    private const int StackLimit = 256;

    // The text lower-cased (invariant, as string.ToLowerInvariant) into the stack buffer when it fits: these
    // checks run on every Condition's displays, and a lower-cased copy of each was most of their cost.
    private static ReadOnlySpan<char> Lower(string text, Span<char> buffer) =>
        text.Length <= buffer.Length && text.AsSpan().ToLowerInvariant(buffer) is var written and >= 0
            ? buffer[..written]
            : text.ToLowerInvariant();

    [GeneratedRegex(@"\b(contralateral|opposite) breast\b")] private static partial Regex ContralateralBreast();
    [GeneratedRegex(@"\bbone marrow\b")] private static partial Regex BoneMarrow();
    [GeneratedRegex(@"\baxill(a|ae|ary)\b")] private static partial Regex Axillary();
    [GeneratedRegex(@"\blymph(atic)? ?nodes?\b|\bnodal\b")] private static partial Regex Nodes();
    [GeneratedRegex(@"\blepto ?mening|\bmening(es|eal)\b")] private static partial Regex Meninges();
    [GeneratedRegex(@"\bspinal cord\b")] private static partial Regex SpinalCord();
    [GeneratedRegex(@"\b(bones?|osseous|skeletal|skeleton)\b")] private static partial Regex Bone();
    [GeneratedRegex(@"\b(liver|hepatic)\b")] private static partial Regex Liver();
    [GeneratedRegex(@"\b(lungs?|pulmonary)\b")] private static partial Regex Lung();
    [GeneratedRegex(@"\bbrain\b")] private static partial Regex Brain();
    [GeneratedRegex(@"\bpleura(l)?\b")] private static partial Regex Pleura();
    [GeneratedRegex(@"\b(skin|cutaneous)\b")] private static partial Regex Skin();
    [GeneratedRegex(@"\badrenals?\b")] private static partial Regex Adrenal();
    [GeneratedRegex(@"\b(ovary|ovaries|ovarian)\b")] private static partial Regex Ovary();
    [GeneratedRegex(@"\bperitone(um|al)\b")] private static partial Regex Peritoneum();
    [GeneratedRegex(@"\b(eyes?|ocular|choroidal?|orbital?)\b")] private static partial Regex Eye();
    [GeneratedRegex(@"metasta|\bsecondary\b|\bspread to\b|\bmets\b")] private static partial Regex Spread();
    [GeneratedRegex(@"malignan|metasta|\bsecondary\b|carcinoma|neoplas")] private static partial Regex Cancer();
    [GeneratedRegex(@"\bbreasts?\b|\bmammary\b")] private static partial Regex BreastWord();
    [GeneratedRegex(@"malignan|carcinoma|\bcancer\b")] private static partial Regex Malignant();
    [GeneratedRegex(@"in[ -]?situ|\bbenign\b|\bhistory\b|\bfamily\b|\brisk\b|\bscreening\b|\bsuspect")] private static partial Regex NotPrimary();
    [GeneratedRegex(@"\bhistory of\b")] private static partial Regex HistoryOf();
    [GeneratedRegex(@"^(none|no|nein|keine?|absent|not present|nicht vorhanden)(\b|$)(?!.*\b(lung|bone|liver|brain|lunge|knochen|leber|hirn)\b)")] private static partial Regex NoneWords();
    [GeneratedRegex(@"\bmamma|\bbrust|mammakarzinom")] private static partial Regex GermanBreast();
    [GeneratedRegex(@"sarcoma|lymphoma|leuka?emia|melanoma|myeloma|glioma|glioblastoma|mesothelioma|blastoma|\bnsclc\b|\bsclc\b|karzinom")] private static partial Regex CancerType();
    [GeneratedRegex(@"\b(lungs?|bronch\w*|pulmonary|colon|colorectal|rect\w*|bowel|ovar\w*|prostat\w*|pancrea\w*|stomach|gastric|esophag\w*|oesophag\w*|liver|hepato\w*|kidney|renal|bladder|urothelial|cervi\w*|uter\w*|endometri\w*|thyroid|skin|brain|head and neck|oral|tongue|laryn\w*|pharyn\w*|testi\w*|bone|thym\w*|bile|gallbladder|anal|vulva\w*|vagina\w*|penile|eye)\b|sarcoma|lymphoma|leuka?emia|melanoma|myeloma|glioma|glioblastoma|mesothelioma|\bnsclc\b|\bsclc\b|lungenkarzinom|bronchialkarzinom|kolonkarzinom|rektumkarzinom|ovarialkarzinom|prostatakarzinom|pankreaskarzinom")] private static partial Regex OtherOrgan();
}
