namespace MbcFhirEdu.Web.Features.Console;

/// <summary>
/// Audit actions of the coordinator console. Their rows' actor is the signed-in Entra user's object id (<c>oid</c>):
/// stable for the account, not a name, and the same in every app of the tenant.
/// </summary>
public static class ConsoleAuditActions
{
    public const string Prefix = "console.";
    /// <summary>The worklist was shown (no patient: one row per page view).</summary>
    public const string WorklistRead = "console.worklist.read";
    /// <summary>A worklist entry was closed (entity: the entry id; failure when it was already closed or unknown).</summary>
    public const string WorklistClose = "console.worklist.close";
    /// <summary>A patient search ran in the EHR (no patient id: the query is not kept either).</summary>
    public const string PatientSearch = "console.patient.search";
    /// <summary>A patient's record was read from the EHR for the patient view.</summary>
    public const string PatientRead = "console.patient.read";
    /// <summary>A send was recorded in the outbox (entity: the delivery id), or refused.</summary>
    public const string DeliveryRequest = "console.delivery.request";
    /// <summary>The coordinator signed out.</summary>
    public const string SignOut = "console.signout";

    public static bool IsConsole(string action) => action.StartsWith(Prefix, StringComparison.Ordinal);
}
