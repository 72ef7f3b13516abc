namespace MbcFhirEdu.Core.Clinical.Extraction;

/// <summary>Rule 7: a Condition's clinical date is onset (dateTime or Period.start), else recordedDate, else assertedDate.</summary>
internal static class ClinicalDates
{
    public static DateOnly? Of(ConditionRecord condition) => condition.Onset ?? condition.Recorded ?? condition.Asserted;
}
