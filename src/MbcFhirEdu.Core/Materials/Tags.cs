using System.Text.RegularExpressions;
using MbcFhirEdu.Core.Clinical;

namespace MbcFhirEdu.Core.Materials;

/// <summary>
/// The fixed topic/requirement tag set of the content README ("Topic tags") and DESIGN.md's
/// <c>recommend</c> contract. The same strings name profile facts in matching.
/// </summary>
public static partial class Tags
{
    public const string General = "general";
    public const string StageIv = "stage:iv";
    public const string SexMale = "sex:male";
    public const string HrPositive = "biomarker:hr-positive";
    /// <summary>ER is low (1-10 %); the profile also holds <see cref="HrPositive"/>.</summary>
    public const string ErLow = "biomarker:er-low";
    public const string Her2Positive = "biomarker:her2-positive";
    public const string Her2Low = "biomarker:her2-low";
    public const string TripleNegative = "biomarker:triple-negative";
    public const string ReceptorChange = "biomarker:receptor-change";
    public const string BiomarkerUnknown = "biomarker:unknown";
    public const string DeNovo = "recurrence:de-novo";
    public const string DistantRecurrence = "recurrence:distant-recurrence";
    /// <summary>
    /// The "signs that need help now" material: held by every metastatic profile and by every partial record
    /// (DESIGN.md "Partial and untrustworthy records"), always first.
    /// </summary>
    public const string UrgentAnyMetastatic = "urgent:any-metastatic";

    public static string Site(string key) => "site:" + key;

    public static string Variant(string gene) => "variant:" + gene;

    /// <summary>The part before the first ':' ("site", "biomarker", "variant", "recurrence", "stage", "sex", "urgent", "general").</summary>
    public static string Family(string tag)
    {
        var colon = tag.IndexOf(':');
        return colon < 0 ? tag : tag[..colon];
    }

    /// <summary>Null when <paramref name="tag"/> is in the fixed set; otherwise why it is not.</summary>
    public static string? Validate(string tag)
    {
        var family = Family(tag);
        var value = tag.Length > family.Length ? tag[(family.Length + 1)..] : "";
        return family switch
        {
            "general" when value.Length == 0 && !tag.Contains(':') => null,
            "site" when ProfileValues.SiteKeys.Contains(value) => null,
            "site" => $"unknown site key '{value}' (known: {string.Join(", ", ProfileValues.SiteKeys)})",
            "biomarker" when Biomarkers.Contains(tag) => null,
            "variant" when GeneSymbol().IsMatch(value) => null,
            "variant" => $"'{tag}' needs an upper-case gene symbol, e.g. variant:PIK3CA",
            "recurrence" when tag is DeNovo or DistantRecurrence => null,
            "stage" when tag == StageIv => null,
            "sex" when tag == SexMale => null,
            "urgent" when tag == UrgentAnyMetastatic => null,
            _ => $"'{tag}' is not a known tag",
        };
    }

    private static readonly string[] Biomarkers =
        [HrPositive, ErLow, Her2Positive, Her2Low, TripleNegative, ReceptorChange, BiomarkerUnknown];

    [GeneratedRegex("^[A-Z][A-Z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex GeneSymbol();
}
