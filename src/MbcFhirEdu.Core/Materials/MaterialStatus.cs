namespace MbcFhirEdu.Core.Materials;

/// <summary>
/// Where a material stands in its review (front-matter key <c>status</c>). Production shows only
/// <see cref="Approved"/>; Development shows drafts too, marked; <see cref="Retired"/> is never shown.
/// </summary>
public enum MaterialStatus
{
    /// <summary>Written, not yet approved by the deploying organisation's reviewer.</summary>
    Draft,
    /// <summary>Reviewed (reviewedBy, reviewedOn) and due for its next review on reviewDue.</summary>
    Approved,
    /// <summary>Switched off: a local library retires a built-in material this way.</summary>
    Retired,
}
