namespace MbcFhirEdu.Data.Population;

/// <summary>A page of worklist entries, newest first, and the total that matched the query.</summary>
public sealed record WorklistPage(IReadOnlyList<WorklistItem> Items, int Total, int Page, int PageSize);
