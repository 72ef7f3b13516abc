namespace MbcFhirEdu.Fhir.Model;

/// <summary>
/// R4 Extension (extensibility.html#Extension) with the value[x] types this service meets in practice
/// (e.g. condition-assertedDate's valueDateTime, mCODE histology's valueCodeableConcept). Other value
/// types are dropped by the tolerant reader; complex extensions keep their nested <see cref="Extension"/> list.
/// </summary>
public sealed record Extension
{
    public string? Url { get; init; }
    public string? ValueString { get; init; }
    public string? ValueCode { get; init; }
    public string? ValueUri { get; init; }
    public bool? ValueBoolean { get; init; }
    public int? ValueInteger { get; init; }
    public decimal? ValueDecimal { get; init; }
    public string? ValueDate { get; init; }
    public string? ValueDateTime { get; init; }
    public CodeableConcept? ValueCodeableConcept { get; init; }
    public Coding? ValueCoding { get; init; }
    public ResourceReference? ValueReference { get; init; }
    public Quantity? ValueQuantity { get; init; }
    public Period? ValuePeriod { get; init; }
    [System.Text.Json.Serialization.JsonPropertyName("extension")]
    public IReadOnlyList<Extension> Extensions { get; init; } = [];

    /// <summary>Canonical URL of the core condition-assertedDate extension (R4 extension registry).</summary>
    public const string ConditionAssertedDateUrl = "http://hl7.org/fhir/StructureDefinition/condition-assertedDate";

    /// <summary>mCODE STU1/STU2's related-primary extension on a secondary cancer Condition (valueReference to the primary).</summary>
    public const string McodeRelatedPrimaryUrl = "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-related-primary-cancer-condition";

    /// <summary>The core condition-related extension, which mCODE STU3 and later use for the related primary.</summary>
    public const string ConditionRelatedUrl = "http://hl7.org/fhir/StructureDefinition/condition-related";
}
