using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;
using Hl7.Fhir.Validation;

namespace MbcFhirEdu.Fhir.Input;

/// <summary>
/// The validator Firely runs while it reads (<see cref="Hl7.Fhir.Serialization.DeserializerSettings.Validator"/>):
/// Firely's own <see cref="FhirAttributeValidator"/> for every check whose issues the service keeps as warnings, and
/// nothing for the one check whose issues it never keeps. The POCOs are the same either way: the validator only reports.
/// <list type="bullet">
/// <item>Every property (<see cref="ValidateProperty"/>): Firely's. Its kept issues are values of the wrong type
/// (PVAL127), nulls in a list (PVAL104) and too many values (PVAL103); the rest are unknown or wrong-cased elements
/// (which BackwardsCompatible drops) and too few values (which <see cref="FhirJson"/> drops).</item>
/// <item>Every primitive's value (<see cref="ValidateObject"/> on a <see cref="PrimitiveType"/>): Firely's. This is
/// where invalid literals (PVAL124: a bad date, an empty string), wrong kinds (PVAL123), negative or zero counts
/// (PVAL125/126) and bad base64 (PVAL120) are found.</item>
/// <item>A resource with contained resources: Firely's, for nested contained resources (PVAL118).</item>
/// <item>Any other object (a resource without contained resources, a CodeableConcept, a Bundle entry): skipped.
/// Firely checks there only that its required elements are present (PVAL105/PVAL102), that it is not empty (PVAL129)
/// and that a resource type is known (PVAL130): issues the service drops, or BackwardsCompatible does. In Firely 6.8.0
/// no other type adds checks of its own (only <c>PrimitiveType</c> and <c>DomainResource</c> override
/// <c>ValidateInvariants</c>) and no class carries a validation attribute (Cardinality and AllowedTypes are for
/// properties). Skipping them is about a tenth of the time Firely takes to read a record (docs/performance.md).</item>
/// </list>
/// FhirReadingSettingsTests reads every fixture with Firely's default validator and with this one and compares the POCOs
/// and the kept issues.
/// </summary>
internal sealed class KeptIssueValidator : IPocoValidator
{
    public static readonly KeptIssueValidator Instance = new();

    private KeptIssueValidator()
    {
    }

    public IReadOnlyCollection<CodedValidationException> ValidateProperty(string name, object? propertyValue, PropertyMapping? propertyMapping, PocoValidationContext context) =>
        FhirAttributeValidator.Default.ValidateProperty(name, propertyValue, propertyMapping, context);

    // TryGetValue is true for a non-empty contained list, and for contained resources Firely could not read as a list
    // (kept in the overflow), where Firely's own check is what has to decide.
    public IReadOnlyCollection<CodedValidationException> ValidateObject(Base instance, ClassMapping classMapping, PocoValidationContext context) =>
        instance is PrimitiveType || (instance is DomainResource && instance.TryGetValue("contained", out _))
            ? FhirAttributeValidator.Default.ValidateObject(instance, classMapping, context)
            : [];
}
