namespace MbcFhirEdu.Fhir.Reading;

/// <summary>
/// Collects the warnings for one resource. Messages are labelled "Type/id: " only when the resource has been
/// read, because the id may come after the element that raised the warning (JSON members are unordered).
/// </summary>
internal sealed class ReadContext(string resourceType, StringPool strings)
{
    private List<string>? _messages;
    private List<string>? _labelled;

    public string ResourceType { get; private set; } = resourceType;

    /// <summary>The input's shared strings (see <see cref="StringPool"/>).</summary>
    public StringPool Strings { get; } = strings;

    public string? Id { get; set; }

    /// <summary>How many warnings have been raised for this resource so far.</summary>
    public int WarningCount => (_messages?.Count ?? 0) + (_labelled?.Count ?? 0);

    public string Label => Id is null ? ResourceType + " (no id)" : ResourceType + "/" + Id;

    /// <summary>Makes this context ready for the next resource of the input (one context serves every resource in turn).</summary>
    public void Reset(string resourceType)
    {
        ResourceType = resourceType;
        Id = null;
        _messages = null;
        _labelled = null;
    }

    /// <summary>Records a problem. Messages name fields and codes only, never values that could be PHI.</summary>
    public void Warn(string message) => (_messages ??= []).Add(message);

    /// <summary>Keeps warnings of a nested resource (a Bundle entry), already labelled with that resource.</summary>
    public void AddNested(IReadOnlyList<string> warnings)
    {
        if (warnings.Count > 0) (_labelled ??= []).AddRange(warnings);
    }

    /// <summary>All warnings, each starting with the resource label.</summary>
    public IReadOnlyList<string> Warnings()
    {
        if (_messages is null && _labelled is null) return [];
        var all = new List<string>((_messages?.Count ?? 0) + (_labelled?.Count ?? 0));
        if (_messages is not null) foreach (var message in _messages) all.Add(Label + ": " + message);
        if (_labelled is not null) all.AddRange(_labelled);
        return all;
    }
}
