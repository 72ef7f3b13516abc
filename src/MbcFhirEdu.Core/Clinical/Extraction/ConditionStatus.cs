namespace MbcFhirEdu.Core.Clinical.Extraction;

internal enum ConditionState
{
    /// <summary>entered-in-error or refuted: as if the Condition were not there.</summary>
    Ignored,
    /// <summary>unconfirmed, provisional, differential: evidence only, never a main field.</summary>
    Unconfirmed,
    /// <summary>active, recurrence, relapse, or no clinicalStatus at all.</summary>
    Current,
    /// <summary>resolved, inactive, remission: counts for "metastatic", not for current sites.</summary>
    History,
}

/// <summary>CODES.md "Condition status rules".</summary>
internal static class ConditionStatus
{
    public static ConditionState Classify(ConditionRecord condition, ExtractionLog log)
    {
        switch (condition.VerificationStatus)
        {
            case "entered-in-error" or "refuted":
                return ConditionState.Ignored;
            case "unconfirmed" or "provisional" or "differential":
                return ConditionState.Unconfirmed;
            case null or "" or "confirmed":
                break;
            default:
                // An unknown verification status cannot be trusted as confirmed.
                log.Warn(condition.Reference, $"unrecognised verificationStatus '{Short(condition.VerificationStatus)}', treated as unconfirmed");
                return ConditionState.Unconfirmed;
        }

        switch (condition.ClinicalStatus)
        {
            case null or "" or "active" or "recurrence" or "relapse":
                return ConditionState.Current;
            case "resolved" or "inactive" or "remission":
                return ConditionState.History;
            default:
                log.Warn(condition.Reference, $"unrecognised clinicalStatus '{Short(condition.ClinicalStatus)}', treated as active");
                return ConditionState.Current;
        }
    }

    /// <summary>Status codes are codes, but a broken file may put anything there: keep the warning short.</summary>
    internal static string Short(string value) => value.Length <= 24 ? value : value[..24];
}
