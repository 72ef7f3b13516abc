using Hl7.Fhir.Model;
using MbcFhirEdu.Core.Clinical;
using static MbcFhirEdu.Fhir.Mapping.MapContext;

namespace MbcFhirEdu.Fhir.Mapping;

/// <summary>
/// Maps Firely POCOs to Core's neutral records: codes through <see cref="CodeSystems"/>, statuses lower-cased, dates as
/// <see cref="DateOnly"/> with a warning naming the element when one cannot be read.
/// STU3/DSTU2 elements that real exports still carry (dateRecorded, assertedDate, string statuses,
/// Observation.comment(s), DiagnosticReport.codedDiagnosis) are read from Firely's overflow, with a warning.
/// </summary>
public static class RecordMapper
{
    private const string Bcp47 = "urn:ietf:bcp:47";

    /// <summary>Canonical URL of the core condition-assertedDate extension (R4 extension registry).</summary>
    public const string ConditionAssertedDateUrl = "http://hl7.org/fhir/StructureDefinition/condition-assertedDate";

    /// <summary>mCODE STU1/STU2's related-primary extension on a secondary cancer Condition (valueReference to the primary).</summary>
    public const string McodeRelatedPrimaryUrl = "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-related-primary-cancer-condition";

    /// <summary>The core condition-related extension, which mCODE STU3 and later use for the related primary.</summary>
    public const string ConditionRelatedUrl = "http://hl7.org/fhir/StructureDefinition/condition-related";

    /// <summary>
    /// One person's record from its Patient resources, the reported one first (see <see cref="PatientMerge"/>): BCP-47
    /// languages in document order, gender, and whether any record says the person died.
    /// </summary>
    public static PatientRecord Patient(string reference, IReadOnlyList<Patient> records, MapContext context) =>
        PatientMerge.Merge(reference, records.Select(patient => new PatientMerge.Facts(
            () => PatientMerge.Languages(Many<Patient.CommunicationComponent>(patient, "communication"), c => LanguageCode(c.Language),
                c => Boolean(c.PreferredElement) == true, context.Warn),
            Text(patient.GenderElement),
            patient.Deceased switch
            {
                FhirBoolean b => Boolean(b) == true,
                FhirDateTime d => !string.IsNullOrWhiteSpace(Text(d)),
                _ => false,
            })));

    // BCP-47 is the required binding (patient.html#Patient.communication.language); any coded language is accepted.
    private static string? LanguageCode(CodeableConcept? language)
    {
        var coded = Many<Coding>(language, "coding").Where(c => !string.IsNullOrWhiteSpace(Text(c.CodeElement))).ToList();
        return Text((coded.FirstOrDefault(c => c.System == Bcp47) ?? coded.FirstOrDefault())?.CodeElement)?.Trim();
    }

    public static ConditionRecord Condition(Condition c, MapContext context) => new()
    {
        Reference = context.Reference,
        Codes = MapContext.Codes(c.Code),
        Text = c.Code?.Text,
        BodySites = MapContext.Codes(Many<CodeableConcept>(c, "bodySite")),
        BodySiteText = Joined(Many<CodeableConcept>(c, "bodySite").Select(s => s.Text), "; "),
        ClinicalStatus = MapContext.Status(c.ClinicalStatus, CodeSystems.ConditionClinical),
        VerificationStatus = MapContext.Status(c.VerificationStatus, CodeSystems.ConditionVerification),
        Categories = MapContext.Codes(Many<CodeableConcept>(c, "category")),
        Onset = Start(c.Onset, "onset", context),
        Recorded = context.Date(c.RecordedDateElement, "recordedDate") ?? OverflowDate(c, "dateRecorded", "recordedDate", context),
        Asserted = AssertedDate(c, context),
        Abatement = Start(c.Abatement, "abatement", context),
        Stages = Many<Condition.StageComponent>(c, "stage").Select(stage => new StageRecord
        {
            Summary = MapContext.Codes(stage.Summary), SummaryText = stage.Summary?.Text, Type = MapContext.Codes(stage.Type),
            Assessments = Many<ResourceReference>(stage, "assessment").Select(a => context.Canonical(a.Reference)).OfType<string>().ToList(),
        }).ToList(),
        RelatedPrimaries = Related(Many<Extension>(c, "extension")
            .Where(e => e.Url is McodeRelatedPrimaryUrl or ConditionRelatedUrl)
            .Select(e => e.Value).OfType<ResourceReference>(), context),
    };

    public static ObservationRecord Observation(Observation o, MapContext context) => new()
    {
        Reference = context.Reference,
        Codes = MapContext.Codes(o.Code),
        CodeText = o.Code?.Text,
        Status = MapContext.Lower(MapContext.Text(o.StatusElement)),
        Categories = MapContext.Codes(Many<CodeableConcept>(o, "category")),
        Effective = Start(o.Effective, "effective", context),
        Issued = context.Date(o.IssuedElement, "issued"),
        Value = ValueMapper.Map(o.Value, o.DataAbsentReason, context, component: null),
        Interpretations = MapContext.Codes(Many<CodeableConcept>(o, "interpretation")),
        InterpretationText = Many<CodeableConcept>(o, "interpretation").Select(i => i.Text).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)),
        Components = Many<Observation.ComponentComponent>(o, "component").Select((component, i) => new ComponentRecord
        {
            Codes = MapContext.Codes(component.Code),
            CodeText = component.Code?.Text,
            Value = ValueMapper.Map(component.Value, component.DataAbsentReason, context, i),
            Interpretations = MapContext.Codes(Many<CodeableConcept>(component, "interpretation")),
        }).ToList(),
        BodySites = MapContext.Codes(o.BodySite),
        Methods = MapContext.Codes(o.Method),
        Note = Joined(Many<Annotation>(o, "note").Select(n => n.Text), "\n") ?? OldComment(o, context),
        Focus = Related(Many<ResourceReference>(o, "focus"), context),
    };

    public static ReportRecord Report(DiagnosticReport r, MapContext context) => new()
    {
        Reference = context.Reference,
        Codes = MapContext.Codes(r.Code),
        Status = MapContext.Lower(MapContext.Text(r.StatusElement)),
        Categories = MapContext.Codes(Many<CodeableConcept>(r, "category")),
        Effective = Start(r.Effective, "effective", context),
        Issued = context.Date(r.IssuedElement, "issued"),
        ConclusionCodes = Many<CodeableConcept>(r, "conclusionCode") is { Count: > 0 } conclusion
            ? MapContext.Codes(conclusion)
            : CodedDiagnosis(r, context),
        Conclusion = r.Conclusion,
    };

    // dateTime, Period.start or instant of an effective[x] / onset[x] / abatement[x]; other shapes (Age, Range, string) carry no date.
    private static DateOnly? Start(DataType? value, string element, MapContext context) => value switch
    {
        FhirDateTime dateTime => context.Date(dateTime, element + "DateTime"),
        Period period => context.Date(period.StartElement, element + "Period.start"),
        Instant instant => context.Date(instant, element + "Instant"),
        _ => null,
    };

    private static DateOnly? AssertedDate(Condition c, MapContext context)
    {
        if (Many<Extension>(c, "extension").FirstOrDefault(e => e.Url == ConditionAssertedDateUrl) is { } extension)
            return context.Date(extension.Value as PrimitiveType, "extension condition-assertedDate");
        return OverflowDate(c, "assertedDate", "the condition-assertedDate extension", context);
    }

    // An STU3/DSTU2 date element Firely kept in the overflow (see MapContext.Overflow).
    private static DateOnly? OverflowDate(Base resource, string name, string r4Home, MapContext context)
    {
        if (MapContext.Overflow(resource, name) is not { } value) return null;
        context.Warn($"'{name}' (STU3/DSTU2 shape); read as {r4Home}");
        return context.Date(new FhirString(value), name);
    }

    // STU3 `comment` and DSTU2 `comments` were plain strings; R4 replaced them with `note`.
    private static string? OldComment(Observation o, MapContext context)
    {
        var comment = MapContext.Overflow(o, "comment") ?? MapContext.Overflow(o, "comments");
        if (comment is not null) context.Warn("'comment(s)' (STU3/DSTU2 shape); read as note");
        return comment;
    }

    // STU3 DiagnosticReport.codedDiagnosis became R4 conclusionCode.
    private static IReadOnlyList<MbcFhirEdu.Core.Clinical.Code> CodedDiagnosis(DiagnosticReport r, MapContext context)
    {
        if (!r.TryGetValue("codedDiagnosis", out var value)) return [];
        context.Warn("'codedDiagnosis' (STU3 shape); read as conclusionCode");
        return MapContext.Codes(Concepts(value));
    }

    // Firely keeps an unknown element as a DynamicDataType (or a list of them); its codings are read by name.
    private static IEnumerable<CodeableConcept> Concepts(object? value) => value switch
    {
        IEnumerable<object> items => items.SelectMany(Concepts),
        CodeableConcept concept => [concept],
        Base dynamic when dynamic.TryGetValue("coding", out var codings) => [new CodeableConcept { Coding = DynamicCodings(codings) }],
        _ => [],
    };

    /// <summary>
    /// References to other resources of the input: "Type/id" of the target when it resolves, else the reference as
    /// written; "" when only a display is given. The display is kept: a related primary may be named only by it.
    /// </summary>
    private static IReadOnlyList<RelatedReference> Related(IEnumerable<ResourceReference> references, MapContext context)
    {
        var related = new List<RelatedReference>();
        foreach (var reference in references)
        {
            var target = context.Canonical(reference.Reference);
            if (target is null && string.IsNullOrWhiteSpace(reference.Display)) continue;
            related.Add(new RelatedReference(target ?? "", string.IsNullOrWhiteSpace(reference.Display) ? null : reference.Display.Trim()));
        }
        return related.Count == 0 ? [] : related;
    }

    private static string? Joined(IEnumerable<string?> texts, string separator)
    {
        var kept = texts.Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        return kept.Count == 0 ? null : string.Join(separator, kept);
    }
}
