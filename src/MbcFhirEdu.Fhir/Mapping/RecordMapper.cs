using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Mapping;

/// <summary>
/// Maps the FHIR model to Core's neutral records (STYLE.md §3): codes normalised through
/// <see cref="CodeSystems.Normalize"/>, statuses lower-cased, dates as <see cref="DateOnly"/>. No clinical
/// judgement happens here; that is Core's job.
/// </summary>
internal static class RecordMapper
{
    internal const string Bcp47 = "urn:ietf:bcp:47";

    /// <summary>One person's record from its Patient resources; see <see cref="PatientMerge.Merge"/>.</summary>
    public static PatientRecord Patient(string reference, IReadOnlyList<Patient> records, MapContext context) =>
        PatientMerge.Merge(reference, records.Select(patient => new PatientMerge.Facts(
            () => PatientMerge.Languages(patient.Communication, c => LanguageCode(c.Language), c => c.Preferred == true, context.Warn),
            patient.Gender, patient.DeceasedBoolean == true || !string.IsNullOrWhiteSpace(patient.DeceasedDateTime))));

    public static ConditionRecord Condition(Condition c, MapContext context) => new()
    {
        Reference = context.Reference,
        Codes = context.Codes(c.Code),
        Text = c.Code?.Text,
        BodySites = context.Codes(c.BodySite),
        BodySiteText = BodySiteText(c.BodySite),
        ClinicalStatus = context.ClinicalStatus(c.ClinicalStatus),
        VerificationStatus = context.VerificationStatus(c.VerificationStatus),
        Categories = context.Codes(c.Category),
        Onset = context.Date(c.OnsetDateTime, "onsetDateTime") ?? context.Date(c.OnsetPeriod?.Start, "onsetPeriod.start"),
        Recorded = context.Date(c.RecordedDate, "recordedDate"),
        Asserted = AssertedDate(c, context),
        Abatement = context.Date(c.AbatementDateTime, "abatementDateTime") ?? context.Date(c.AbatementPeriod?.Start, "abatementPeriod.start"),
        Stages = Stages(c.Stage, context),
        RelatedPrimaries = RelatedPrimaries(c, context),
    };

    public static ObservationRecord Observation(Observation o, MapContext context) => new()
    {
        Reference = context.Reference,
        Codes = context.Codes(o.Code),
        CodeText = o.Code?.Text,
        Status = context.LowerCode(o.Status),
        Categories = context.Codes(o.Category),
        Effective = context.Date(o.EffectiveDateTime, "effectiveDateTime")
            ?? context.Date(o.EffectivePeriod?.Start, "effectivePeriod.start")
            ?? context.Date(o.EffectiveInstant, "effectiveInstant"),
        Issued = context.Date(o.Issued, "issued"),
        Value = ValueMapper.Map(ValueMapper.Elements.Of(o), context, component: null),
        Interpretations = context.Codes(o.Interpretation),
        InterpretationText = FirstText(o.Interpretation),
        Components = Components(o.Component, context),
        BodySites = context.Codes(o.BodySite),
        Methods = context.Codes(o.Method),
        Note = NoteText(o.Note),
        Focus = Related(o.Focus, context),
    };

    public static ReportRecord Report(DiagnosticReport r, MapContext context) => new()
    {
        Reference = context.Reference,
        Codes = context.Codes(r.Code),
        Status = context.LowerCode(r.Status),
        Categories = context.Codes(r.Category),
        Effective = context.Date(r.EffectiveDateTime, "effectiveDateTime") ?? context.Date(r.EffectivePeriod?.Start, "effectivePeriod.start"),
        Issued = context.Date(r.Issued, "issued"),
        ConclusionCodes = context.Codes(r.ConclusionCode),
        Conclusion = r.Conclusion,
    };

    // BCP-47 is the required binding (patient.html#Patient.communication.language); any coded language is accepted.
    private static string? LanguageCode(CodeableConcept? language)
    {
        if (language is null) return null;
        string? first = null;
        for (var i = 0; i < language.Coding.Count; i++) // indexed: a foreach over the interface allocates an enumerator
        {
            var coding = language.Coding[i];
            if (string.IsNullOrWhiteSpace(coding.Code)) continue;
            if (coding.System == Bcp47) return coding.Code.Trim();
            first ??= coding.Code.Trim();
        }
        return first;
    }

    private static DateOnly? AssertedDate(Condition c, MapContext context)
    {
        for (var i = 0; i < c.Extensions.Count; i++) // indexed: a foreach over the interface allocates an enumerator
        {
            var extension = c.Extensions[i];
            if (extension.Url == Model.Extension.ConditionAssertedDateUrl)
                return context.Date(extension.ValueDateTime ?? extension.ValueDate, "extension condition-assertedDate");
        }
        return null;
    }

    // mCODE's related-primary extension (STU1/2) and the core condition-related extension mCODE STU3+ uses instead.
    private static IReadOnlyList<RelatedReference> RelatedPrimaries(Condition c, MapContext context)
    {
        List<ResourceReference>? references = null;
        foreach (var extension in c.Extensions)
        {
            if (extension.Url is Model.Extension.McodeRelatedPrimaryUrl or Model.Extension.ConditionRelatedUrl && extension.ValueReference is { } value)
                (references ??= []).Add(value);
        }
        return references is null ? [] : Related(references, context);
    }

    /// <summary>
    /// References to other resources of the input: "Type/id" of the target when it resolves (by fullUrl or id), else the
    /// reference as written; "" when only a display (or identifier) is given. The display is kept.
    /// </summary>
    private static IReadOnlyList<RelatedReference> Related(IReadOnlyList<ResourceReference> references, MapContext context)
    {
        if (references.Count == 0) return [];
        var related = new List<RelatedReference>(references.Count);
        foreach (var reference in references)
        {
            var target = context.Canonical(reference.Reference);
            if (target is null && string.IsNullOrWhiteSpace(reference.Display)) continue;
            related.Add(new RelatedReference(target ?? "", string.IsNullOrWhiteSpace(reference.Display) ? null : reference.Display.Trim()));
        }
        return related;
    }

    private static IReadOnlyList<StageRecord> Stages(IReadOnlyList<ConditionStage> stages, MapContext context)
    {
        if (stages.Count == 0) return [];
        var records = new List<StageRecord>(stages.Count);
        foreach (var stage in stages)
        {
            var assessments = new List<string>(stage.Assessment.Count);
            foreach (var assessment in stage.Assessment)
            {
                if (context.Canonical(assessment.Reference) is { } reference) assessments.Add(reference);
            }
            records.Add(new StageRecord
            {
                Summary = context.Codes(stage.Summary), SummaryText = stage.Summary?.Text, Type = context.Codes(stage.Type),
                Assessments = assessments,
            });
        }
        return records;
    }

    private static IReadOnlyList<ComponentRecord> Components(IReadOnlyList<ObservationComponent> components, MapContext context)
    {
        if (components.Count == 0) return [];
        var records = new List<ComponentRecord>(components.Count);
        for (var i = 0; i < components.Count; i++)
        {
            var component = components[i];
            records.Add(new ComponentRecord
            {
                Codes = context.Codes(component.Code),
                CodeText = component.Code?.Text,
                Value = ValueMapper.Map(ValueMapper.Elements.Of(component), context, i),
                Interpretations = context.Codes(component.Interpretation),
            });
        }
        return records;
    }

    private static string? BodySiteText(IReadOnlyList<CodeableConcept> sites)
    {
        string? text = null;
        for (var i = 0; i < sites.Count; i++) // indexed: a foreach over the interface allocates an enumerator
        {
            var site = sites[i];
            if (!string.IsNullOrWhiteSpace(site.Text)) text = text is null ? site.Text : text + "; " + site.Text;
        }
        return text;
    }

    private static string? FirstText(IReadOnlyList<CodeableConcept> concepts)
    {
        for (var i = 0; i < concepts.Count; i++) // indexed: a foreach over the interface allocates an enumerator
        {
            var concept = concepts[i];
            if (!string.IsNullOrWhiteSpace(concept.Text)) return concept.Text;
        }
        return null;
    }

    private static string? NoteText(IReadOnlyList<Annotation> notes)
    {
        string? text = null;
        for (var i = 0; i < notes.Count; i++) // indexed: a foreach over the interface allocates an enumerator
        {
            var note = notes[i];
            if (!string.IsNullOrWhiteSpace(note.Text)) text = text is null ? note.Text : text + "\n" + note.Text;
        }
        return text;
    }
}
