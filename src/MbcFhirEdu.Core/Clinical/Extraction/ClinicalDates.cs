namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>Rule 7: a Condition's clinical date is onset (dateTime or Period.start), else recordedDate, else assertedDate.</summary>
internal static class ClinicalDates
{
    public static DateOnly? Of(ConditionRecord condition) => condition.Onset ?? condition.Recorded ?? condition.Asserted;

    /// <summary>Newest first; undated last. Ties keep a stable, content-free order via the reference.</summary>
    public static int NewestFirst(DateOnly? a, DateOnly? b) => (b ?? DateOnly.MinValue).CompareTo(a ?? DateOnly.MinValue);
}
