namespace MbcFhirEdu.Core.Clinical;

/// <summary>
/// One patient's clinical profile, as the DESIGN.md command-line contract prints it.
/// String values are the contract's own vocabulary (see <see cref="ProfileValues"/>).
/// </summary>
public sealed record ClinicalProfile
{
    /// <summary>"Patient/{id}".</summary>
    public required string Patient { get; init; }
    public bool Metastatic { get; init; }
    /// <summary>Current, confirmed site keys (CODES.md), sorted ordinally.</summary>
    public IReadOnlyList<string> Sites { get; init; } = [];
    public string Stage { get; init; } = ProfileValues.Unknown;
    public string Recurrence { get; init; } = ProfileValues.Unknown;
    public string Er { get; init; } = ProfileValues.Unknown;
    public string Pr { get; init; } = ProfileValues.Unknown;
    public string Her2 { get; init; } = ProfileValues.Unknown;
    public string Subtype { get; init; } = ProfileValues.Unknown;
    /// <summary>Gene symbol → "detected" | "not-detected"; only genes with a result, sorted by gene.</summary>
    public IReadOnlyDictionary<string, string> Variants { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    public string Pdl1 { get; init; } = ProfileValues.Unknown;
    /// <summary>Two-letter language code.</summary>
    public string Language { get; init; } = "en";
    public bool ReceptorChange { get; init; }
    /// <summary>"recorded" | "not-found" (CODES.md rule 15): breast-specific evidence of a breast cancer.</summary>
    public required string BreastCancer { get; init; }
    /// <summary>Patient.deceased[x] says the patient has died (CODES.md rule 16).</summary>
    public bool Deceased { get; init; }
    public IReadOnlyList<Evidence> Evidence { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// Why a fact is in the profile: the fact ("site:bone", "er:positive", "stage:IV", "metastatic",
/// "recurrence:de-novo", "variant:PIK3CA:detected", "her2:low", "pdl1:positive", "receptor-change:er", "language:es";
/// also "primary:breast" for the primary cancer Condition, "past-site:liver" for a resolved or history-only site,
/// and "subtype:triple-negative" on each receptor result that decided the subtype),
/// the resource it came from and that resource's clinical date.
/// <see cref="Confirmed"/> is false for findings a patient must not see yet (unconfirmed/provisional/differential
/// conditions, preliminary results); such findings never set the profile's main fields.
/// <see cref="Source"/> is <see cref="EvidenceSource.Code"/> or <see cref="EvidenceSource.Text"/> (a fact read from free
/// text, CODES.md rule 19).
/// </summary>
public sealed record Evidence(string Fact, string Resource, DateOnly? Date, bool Confirmed = true, string Source = EvidenceSource.Code);

/// <summary>Where an evidence item's fact was read: a code, or free text (CODES.md rule 19).</summary>
public static class EvidenceSource
{
    public const string Code = "code";
    public const string Text = "text";
}

/// <summary>The contract's value vocabulary.</summary>
public static class ProfileValues
{
    public const string Unknown = "unknown";
    public const string Positive = "positive";
    public const string Negative = "negative";
    public const string Low = "low";
    public const string Ultralow = "ultralow";
    public const string Zero = "zero";
    public const string Equivocal = "equivocal";
    public const string Detected = "detected";
    public const string NotDetected = "not-detected";
    public const string DeNovo = "de-novo";
    public const string DistantRecurrence = "distant-recurrence";
    public const string HrPositiveHer2Negative = "hr-positive-her2-negative";
    public const string HrPositiveHer2Positive = "hr-positive-her2-positive";
    public const string HrNegativeHer2Positive = "hr-negative-her2-positive";
    public const string TripleNegative = "triple-negative";
    /// <summary><see cref="ClinicalProfile.BreastCancer"/> values.</summary>
    public const string Recorded = "recorded";
    public const string NotFound = "not-found";

    /// <summary>The site keys of CODES.md plus the extra keys this service adds.</summary>
    public static readonly IReadOnlyList<string> SiteKeys =
    [
        "adrenal", "bone", "brain", "contralateral-breast", "eye", "leptomeninges", "liver", "lung",
        "lymph-nodes", "ovary", "peritoneum", "pleura", "skin", "spinal-cord",
    ];
}
