using MbcFhirEdu.Core.Clinical;

namespace MbcFhirEdu.Web.Features.Infobutton;

/// <summary>
/// An HL7 Infobutton URL-based knowledge request (Context-Aware Knowledge Retrieval, URL-Based Implementation Guide):
/// <c>mainSearchCriteria.v.c</c>/<c>.v.cs</c>/<c>.v.dn</c> (or the deprecated <c>mainSearchCriteria.c.*</c>),
/// <c>informationRecipient</c> (PAT | PROV), <c>informationRecipient.languageCode.c</c>,
/// <c>patientPerson.administrativeGenderCode.c</c>, <c>age.v.v</c>/<c>age.v.u</c> and <c>knowledgeResponseType</c>.
/// Code systems are named by OID.
/// </summary>
public sealed record InfobuttonRequest
{
    public const string Atom = "text/xml";
    public const string Json = "application/json";
    public const string Html = "text/html";

    /// <summary>The OIDs this service answers for, and the systems they stand for.</summary>
    public static readonly IReadOnlyDictionary<string, string> Systems = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["2.16.840.1.113883.6.96"] = "SNOMED CT",
        ["2.16.840.1.113883.6.90"] = "ICD-10-CM",
        ["2.16.840.1.113883.6.1"] = "LOINC",
    };

    public required Code Code { get; init; }
    public required string CodeSystemOid { get; init; }
    public string? DisplayName { get; init; }
    /// <summary>PAT or PROV.</summary>
    public required string Recipient { get; init; }
    /// <summary>en or es.</summary>
    public required string Language { get; init; }
    /// <summary>F, M, UN or null.</summary>
    public string? Gender { get; init; }
    public decimal? Age { get; init; }
    public string? AgeUnit { get; init; }
    public required string ResponseType { get; init; }

    private static readonly string[] Known =
    [
        "informationRecipient", "informationRecipient.languageCode.c", "patientPerson.administrativeGenderCode.c",
        "age.v.v", "age.v.u", "knowledgeResponseType",
    ];

    private static readonly string[] AgeUnits = ["a", "mo", "wk", "d", "h", "min"];

    /// <summary>The request, or a message naming the parameter that is missing or wrong (returned as 400).</summary>
    public static (InfobuttonRequest? Request, string? Error) Parse(IQueryCollection query)
    {
        foreach (var name in Known)
        {
            if (query[name].Count > 1) return (null, $"{name} is given more than once.");
        }
        var (code, codeError) = Pick(query, "mainSearchCriteria.v.c", "mainSearchCriteria.c.c");
        if (codeError is not null) return (null, codeError);
        var (oid, oidError) = Pick(query, "mainSearchCriteria.v.cs", "mainSearchCriteria.c.cs");
        if (oidError is not null) return (null, oidError);
        var (display, displayError) = Pick(query, "mainSearchCriteria.v.dn", "mainSearchCriteria.c.dn");
        if (displayError is not null) return (null, displayError);

        if (string.IsNullOrWhiteSpace(code)) return (null, "mainSearchCriteria.v.c (the code) is required.");
        if (code.Length > 64) return (null, "mainSearchCriteria.v.c is longer than 64 characters.");
        if (string.IsNullOrWhiteSpace(oid)) return (null, "mainSearchCriteria.v.cs (the code system OID) is required.");
        oid = oid.Trim();
        if (oid.StartsWith("urn:oid:", StringComparison.OrdinalIgnoreCase)) oid = oid[8..];
        if (!Systems.ContainsKey(oid))
            return (null, $"mainSearchCriteria.v.cs must be one of {string.Join(", ", Systems.Select(s => $"{s.Key} ({s.Value})"))}.");

        var recipient = Single(query, "informationRecipient") ?? "PAT";
        if (recipient is not ("PAT" or "PROV")) return (null, "informationRecipient must be PAT or PROV.");
        var language = (Single(query, "informationRecipient.languageCode.c") ?? "en").Trim().ToLowerInvariant();
        if (language.Length > 2 && language[2] == '-') language = language[..2];
        // As MedlinePlus Connect does: a language the library does not hold is answered in English (the feed says so).
        if (language is not ("en" or "es")) language = "en";
        var gender = Single(query, "patientPerson.administrativeGenderCode.c");
        if (gender is not (null or "F" or "M" or "UN")) return (null, "patientPerson.administrativeGenderCode.c must be F, M or UN.");

        decimal? age = null;
        var ageText = Single(query, "age.v.v");
        var ageUnit = Single(query, "age.v.u");
        if (ageText is not null)
        {
            if (!decimal.TryParse(ageText, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value) || value > 200)
                return (null, "age.v.v must be a number from 0 to 200.");
            age = value;
            if (ageUnit is null) return (null, "age.v.u is required with age.v.v (a, mo, wk, d, h or min).");
        }
        if (ageUnit is not null && !AgeUnits.Contains(ageUnit)) return (null, "age.v.u must be a, mo, wk, d, h or min.");

        var responseType = Single(query, "knowledgeResponseType") ?? Atom;
        if (responseType is not (Atom or Json or Html)) return (null, $"knowledgeResponseType must be {Atom}, {Json} or {Html}.");

        var system = CodeSystems.NormalizeSystem(oid);
        return (new InfobuttonRequest
        {
            Code = new Code(system, CodeSystems.NormalizeCode(system, code)),
            CodeSystemOid = oid,
            DisplayName = string.IsNullOrWhiteSpace(display) ? null : display.Length > 200 ? display[..200] : display,
            Recipient = recipient,
            Language = language,
            Gender = gender,
            Age = age,
            AgeUnit = ageUnit,
            ResponseType = responseType,
        }, null);
    }

    /// <summary>The value under the current name or its deprecated alias; both given and different is an error.</summary>
    private static (string? Value, string? Error) Pick(IQueryCollection query, string name, string deprecated)
    {
        if (query[name].Count > 1) return (null, $"{name} is given more than once.");
        if (query[deprecated].Count > 1) return (null, $"{deprecated} is given more than once.");
        string? current = query[name];
        string? old = query[deprecated];
        if (current is not null && old is not null && current != old) return (null, $"{name} and {deprecated} disagree; send one.");
        return (current ?? old, null);
    }

    private static string? Single(IQueryCollection query, string name) => query[name].Count == 1 ? query[name][0] : null;
}
