using System.Globalization;
using Hl7.Fhir.Model;
using MbcFhirEdu.Core.Clinical;
using Code = MbcFhirEdu.Core.Clinical.Code;

namespace MbcFhirEdu.Fhir.Mapping;

/// <summary>
/// What mapping one Firely resource needs: its reference (for warnings), the warning list and a resolver that turns a
/// literal reference into its canonical "Type/id" (resolution belongs to the grouping layer, Grouping.ResourceSet).
/// </summary>
public sealed class MapContext(string reference, ICollection<string> warnings, Func<string?, string?> canonical)
{
    public string Reference { get; } = reference;

    public void Warn(string message) => warnings.Add(Reference + ": " + message);

    public string? Canonical(string? literal) => canonical(literal);

    /// <summary>A date element, with a warning (naming the field, not the value) when it is present but unreadable.</summary>
    public DateOnly? Date(PrimitiveType? element, string field)
    {
        if (Text(element) is not { } value) return null;
        if (FhirDate.TryParse(value, out var date)) return date;
        Warn($"{field} is not a valid FHIR date; ignored");
        return null;
    }

    /// <summary>The codings of <paramref name="concepts"/> that carry a code, normalised by <see cref="CodeSystems"/>.</summary>
    public static IReadOnlyList<Code> Codes(IEnumerable<CodeableConcept?> concepts)
    {
        List<Code>? codes = null;
        foreach (var concept in concepts)
        {
            if (concept is null) continue;
            foreach (var coding in Many<Coding>(concept, "coding"))
            {
                if (Text(coding.CodeElement) is not { } code || string.IsNullOrWhiteSpace(code)) continue;
                (codes ??= []).Add(CodingRules.ToCode(CodeSystems.NormalizeSystem(coding.System), code, coding.Display));
            }
        }
        return codes is null ? [] : codes;
    }

    public static IReadOnlyList<Code> Codes(CodeableConcept? concept) => Codes([concept]);

    /// <summary>A status concept as one lower-case code (see <see cref="CodingRules.Status{T}"/>).</summary>
    // STU3/DSTU2 wrote the status as a bare string; Firely keeps it in the concept's overflow as "value", read as the text.
    public static string? Status(CodeableConcept? concept, string system) =>
        concept is null
            ? null
            : CodingRules.Status(Many<Coding>(concept, "coding"), c => (c.System, Text(c.CodeElement)), concept.Text ?? Overflow(concept, "value"), system);

    /// <summary>A primitive's value as written: Firely keeps invalid literals (e.g. "2019-13-45", a number for a code) as JSON values.</summary>
    public static string? Text(PrimitiveType? element) => element?.JsonValue switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    /// <summary>A boolean as written, also when it came as a JSON string ("true").</summary>
    public static bool? Boolean(PrimitiveType? element) => element?.JsonValue switch
    {
        bool b => b,
        string s when bool.TryParse(s.Trim(), out var b) => b,
        _ => null,
    };

    /// <summary>A decimal as written, also when it came as a JSON string ("12.5").</summary>
    public static decimal? Decimal(PrimitiveType? element) => element?.JsonValue switch
    {
        null => null,
        decimal d => d,
        string s => decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
        IConvertible c => c.ToDecimal(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>
    /// A repeating element. A single object where an array belongs (the STU3/DSTU2 shape) is kept by Firely but makes the
    /// POCO's list property throw; read through the element dictionary, it is a list of one.
    /// </summary>
    public static IReadOnlyList<T> Many<T>(Base? owner, string name) where T : Base =>
        owner is not null && owner.TryGetValue(name, out var value)
            ? value switch
            {
                T one => [one],
                IEnumerable<object> items => items.OfType<T>().ToList(),
                _ => [],
            }
            : [];

    /// <summary>A code lower-cased and trimmed; null when blank.</summary>
    public static string? Lower(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToLowerInvariant();

    /// <summary>Codings Firely kept as unknown elements (dynamic elements with system, code and display), as Codings.</summary>
    public static List<Coding> DynamicCodings(object? codings) =>
        (codings as IEnumerable<object> ?? (codings is null ? [] : [codings])).OfType<Base>()
            .Select(c => c as Coding ?? new Coding { System = Overflow(c, "system"), Code = Overflow(c, "code"), Display = Overflow(c, "display") }).ToList();

    /// <summary>An element Firely did not know (an STU3/DSTU2 element, or a value of the wrong kind), kept in the overflow.</summary>
    public static string? Overflow(Base element, string name) =>
        element.TryGetValue(name, out var value) && value is PrimitiveType primitive ? Text(primitive) : null;
}
