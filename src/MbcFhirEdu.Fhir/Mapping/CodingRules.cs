using MbcFhirEdu.Core.Clinical;

namespace MbcFhirEdu.Fhir.Mapping;

/// <summary>
/// The rules of mapping codings (code, status choice, data-absent values, value warnings) that <see cref="RecordMapper"/>
/// and <see cref="ValueMapper"/> share; codings are passed with a reader of (system, code).
/// </summary>
internal static class CodingRules
{
    private const string DataAbsentReasonSystem = "http://terminology.hl7.org/CodeSystem/data-absent-reason";

    /// <summary>A coding with a code as a Core <see cref="Code"/>; <paramref name="normalSystem"/> is already normalised.</summary>
    public static Code ToCode(string normalSystem, string code, string? display) =>
        new(normalSystem, CodeSystems.NormalizeCode(normalSystem, code), string.IsNullOrWhiteSpace(display) ? null : display);

    /// <summary>A status code, lower case: the coding in <paramref name="system"/>, else the first coded one, else <paramref name="text"/>.</summary>
    public static string? Status<T>(IReadOnlyList<T> codings, Func<T, (string? System, string? Code)> read, string? text, string system)
    {
        string? first = null;
        for (var i = 0; i < codings.Count; i++) // indexed: a foreach over the interface allocates an enumerator
        {
            var (codingSystem, code) = read(codings[i]);
            if (string.IsNullOrWhiteSpace(code)) continue;
            if (codingSystem == system) return MapContext.Lower(code);
            first ??= code;
        }
        return MapContext.Lower(first ?? text);
    }

    /// <summary>
    /// True when a value's codings are all data-absent-reason codes: mCODE TNM value sets include them, so
    /// "not-applicable" arrives as a value (e.g. the IG's pM example); it says the same as dataAbsentReason.
    /// </summary>
    public static bool AllDataAbsent<T>(IReadOnlyList<T> codings, Func<T, (string? System, string? Code)> read)
    {
        if (codings.Count == 0) return false;
        for (var i = 0; i < codings.Count; i++)
        {
            var (system, code) = read(codings[i]);
            if (system != DataAbsentReasonSystem || string.IsNullOrWhiteSpace(code)) return false;
        }
        return true;
    }

    /// <summary>"value" or "component[i].value": the element a value warning names.</summary>
    public static string ValueElement(int? component) => component is null ? "value" : $"component[{component}].value";

    /// <summary>The warning for a value[x] given together with dataAbsentReason.</summary>
    public static string ValueAndAbsentReason(int? component) => $"{ValueElement(component)}[x] and dataAbsentReason are both present; the value is used";
}
