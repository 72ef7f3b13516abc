namespace MbcFhirEdu.Core.Clinical.Extraction;

internal enum ResultState { Ignored, Unconfirmed, Final }

/// <summary>
/// Observation and DiagnosticReport status: final/amended/corrected (and a missing status) are results;
/// preliminary is evidence only; cancelled, entered-in-error and registered (no result yet) are ignored.
/// "unknown" and anything unrecognised count as not confirmed, with a warning: a result nobody vouches for
/// must not reach a patient.
/// </summary>
internal static class ResultStatus
{
    public static ResultState Classify(string reference, string? status, ExtractionLog log)
    {
        switch (status)
        {
            case null or "" or "final" or "amended" or "corrected" or "appended":
                return ResultState.Final;
            case "cancelled" or "entered-in-error" or "registered":
                return ResultState.Ignored;
            case "preliminary" or "partial":
                log.Warn(reference, $"status {status}: not confirmed, not used");
                return ResultState.Unconfirmed;
            default:
                log.Warn(reference, $"status '{ConditionStatus.Short(status)}': not confirmed, not used");
                return ResultState.Unconfirmed;
        }
    }
}
