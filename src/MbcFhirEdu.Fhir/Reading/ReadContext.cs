namespace MbcFhirEdu.Fhir.Reading;

/// <summary>
/// Collects the warnings for one resource, each prefixed with "Type/id: ". The label is built only when a
/// warning is raised, because almost every resource reads without one.
/// </summary>
internal sealed class ReadContext(string resourceType, string? id, ICollection<string> warnings)
{
    public string ResourceType { get; } = resourceType;

    public string? Id { get; } = id;

    public string Label => Id is null ? ResourceType + " (no id)" : ResourceType + "/" + Id;

    /// <summary>Records a problem. Messages name fields and codes only, never values that could be PHI.</summary>
    public void Warn(string message) => warnings.Add(Label + ": " + message);

    /// <summary>A context for a resource nested in this one (a Bundle entry), sharing the warning list.</summary>
    public ReadContext For(string type, string? resourceId) => new(type, resourceId, warnings);
}
