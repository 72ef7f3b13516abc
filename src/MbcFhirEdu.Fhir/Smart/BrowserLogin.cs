namespace MbcFhirEdu.Fhir.Smart;

/// <summary>
/// Who a new session belongs to: the browser key the server has just issued for this login, and the key the browser
/// presented (if any), whose sessions move to the new key. A presented key the store never issued moves nothing, so a
/// value planted in a browser is never adopted.
/// </summary>
public sealed record BrowserLogin(string BrowserKey, string? PreviousBrowserKey)
{
    // Both keys are bearer secrets.
    public override string ToString() => "BrowserLogin";
}
