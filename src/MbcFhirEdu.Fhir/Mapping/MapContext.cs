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
        if (codes.Dates.TryGet(value, out var known)) return known;
        if (FhirDate.TryParse(value, out var date))
        {
            codes.Dates.Set(value, date);
            return date;
        }
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

    /// <summary>A Condition.clinicalStatus, as <see cref="Status(CodeableConcept?, string)"/> gives it, remembered per concept instance.</summary>
    public string? ClinicalStatus(CodeableConcept? concept) => CachedStatus(concept, CodeSystems.ConditionClinical, codes.ClinicalStatuses);

    /// <summary>A Condition.verificationStatus, as <see cref="Status(CodeableConcept?, string)"/> gives it, remembered per concept instance.</summary>
    public string? VerificationStatus(CodeableConcept? concept) => CachedStatus(concept, CodeSystems.ConditionVerification, codes.VerificationStatuses);

    private static string? CachedStatus(CodeableConcept? concept, string system, IdentityCache<CodeableConcept, string?> cache)
    {
        if (concept is null) return null;
        if (cache.TryGet(concept, out var known)) return known;
        var status = Status(concept, system);
        cache.Set(concept, status);
        return status;
    }

    /// <summary><see cref="Lower(string?)"/>, remembered per string instance.</summary>
    public string? LowerCode(string? code)
    {
        if (code is null) return null;
        if (codes.LowerCodes.TryGet(code, out var known)) return known;
        var lower = Lower(code);
        codes.LowerCodes.Set(code, lower);
        return lower;
    }

    /// <summary>A valueQuantity's value; see <see cref="CodeNormalizer.QuantityValue"/>.</summary>
    public ObservationValue QuantityValue(Quantity quantity) => codes.QuantityValue(quantity);

    /// <summary>A valueCodeableConcept's value; see <see cref="CodeNormalizer.CodedValue"/>.</summary>
    public ObservationValue CodedValue(CodeableConcept concept, Func<CodeableConcept, CodeNormalizer, ObservationValue> build) =>
        codes.CodedValue(concept, build);

    /// <summary>A status code, lower case: the coding in <paramref name="system"/>, else the first coding, else the text.</summary>
    public static string? Status(CodeableConcept? concept, string system) =>
        concept is null ? null : CodingRules.Status(concept.Coding, static c => (c.System, c.Code), concept.Text, system);

    public static string? Lower(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToLowerInvariant();
}
