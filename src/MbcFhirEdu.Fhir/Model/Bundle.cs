namespace MbcFhirEdu.Fhir.Model;

/// <summary>
/// R4 Bundle (bundle.html) of any type. Entries may hold any resource, including another Bundle
/// (e.g. a <c>collection</c> inside a <c>transaction</c>), which the reader reads recursively.
/// </summary>
public sealed record Bundle : Resource
{
    [System.Text.Json.Serialization.JsonIgnore]
    public override string ResourceType => "Bundle";
    /// <summary>document | message | transaction | transaction-response | batch | batch-response | history | searchset | collection.</summary>
    public string? Type { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public int? Total { get; init; }
    public IReadOnlyList<BundleLink> Link { get; init; } = [];
    public IReadOnlyList<BundleEntry> Entry { get; init; } = [];
}

/// <summary>Bundle.link (bundle.html#Bundle.link), e.g. the <c>next</c> page of a search.</summary>
public sealed record BundleLink
{
    public string? Relation { get; init; }
    public string? Url { get; init; }
}

/// <summary>Bundle.entry (bundle.html#Bundle.entry).</summary>
public sealed record BundleEntry
{
    public string? FullUrl { get; init; }
    public Resource? Resource { get; init; }
    public BundleEntrySearch? Search { get; init; }
    public BundleEntryRequest? Request { get; init; }
}

/// <summary>Bundle.entry.search: <c>match</c>, <c>include</c> or <c>outcome</c> (an OperationOutcome about the search).</summary>
public sealed record BundleEntrySearch
{
    public string? Mode { get; init; }
    public decimal? Score { get; init; }
}

/// <summary>Bundle.entry.request for transaction/batch bundles (bundle.html#Bundle.entry.request).</summary>
public sealed record BundleEntryRequest
{
    public string? Method { get; init; }
    public string? Url { get; init; }
    public string? IfNoneExist { get; init; }
}
