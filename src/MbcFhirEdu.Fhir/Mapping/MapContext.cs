using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Model;
using MbcFhirEdu.Fhir.Resources;

namespace MbcFhirEdu.Fhir.Mapping;

/// <summary>What mapping one resource needs: its reference (for warnings), the warning list and the resource set.</summary>
internal sealed class MapContext(string reference, ICollection<string> warnings, ResourceSet resources, CodeNormalizer codes)
{
    /// <summary>The resource being mapped; one context is moved from resource to resource of a patient.</summary>
    public string Reference { get; set; } = reference;

    public void Warn(string message) => warnings.Add(Reference + ": " + message);

    public string? Canonical(string? reference) => resources.Canonical(reference);

    /// <summary>A date element, with a warning (naming the field, not the value) when it is present but unreadable.</summary>
    public DateOnly? Date(string? value, string field)
    {
        if (value is null) return null;
        if (FhirDate.TryParse(value, out var date)) return date;
        Warn($"{field} is not a valid FHIR date; ignored");
        return null;
    }

    public IReadOnlyList<Code> Codes(CodeableConcept? concept) => codes.Codes(concept);

    public IReadOnlyList<Code> Codes(IReadOnlyList<CodeableConcept> concepts) => codes.Codes(concepts);

    /// <summary>One shared (immutable) value per distinct mapped value of this run; see <see cref="CodeNormalizer.Share"/>.</summary>
    public ObservationValue Share(ObservationValue value) => codes.Share(value);

    /// <summary>A coded value, shared as <see cref="Share"/> does; see <see cref="CodeNormalizer.Coded"/>.</summary>
    public ObservationValue Coded(ValueKind kind, IReadOnlyList<Code> valueCodes, string? text) => codes.Coded(kind, valueCodes, text);

    /// <summary>A quantity value, shared with every exactly equal one of this run; see <see cref="CodeNormalizer.Quantity"/>.</summary>
    public ObservationValue Quantity(decimal? number, string? comparator, string? unit) => codes.Quantity(number, comparator, unit);

    /// <summary>A status code, lower case: the coding in <paramref name="system"/>, else the first coding, else the text.</summary>
    public static string? Status(CodeableConcept? concept, string system)
    {
        if (concept is null) return null;
        string? first = null;
        for (var i = 0; i < concept.Coding.Count; i++) // indexed: a foreach over the interface allocates an enumerator
        {
            var coding = concept.Coding[i];
            if (string.IsNullOrWhiteSpace(coding.Code)) continue;
            if (coding.System == system) return Lower(coding.Code);
            first ??= coding.Code;
        }
        return Lower(first ?? concept.Text);
    }

    public static string? Lower(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToLowerInvariant();
}
