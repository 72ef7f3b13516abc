using System.Collections.Frozen;
using Hl7.Fhir.Model;
using MbcFhirEdu.Sandbox.Features.Cohort;
using MbcFhirEdu.Sandbox.Features.Fhir;

namespace MbcFhirEdu.Sandbox.Features.Bulk;

/// <summary>The patients of an export: the sandbox's hand-made ones first, then the generated cohort's, by position.</summary>
internal sealed record BulkMembers(IReadOnlyList<string> HandMade, int CohortSize)
{
    public int Count => HandMade.Count + CohortSize;
}

/// <summary>
/// Where exported resources come from: the hand-made records (<c>Group/sandbox-patients</c>) and the generated cohort
/// (<c>Group/mbc-cohort</c>); <c>Patient/$export</c> takes both. Resources are read one patient and one type at a time.
/// </summary>
internal sealed class BulkSource(FhirDataStore data, CohortStore cohort)
{
    public const string CohortGroupId = "mbc-cohort";
    public const string HandMadeGroupId = "sandbox-patients";

    /// <summary>Hand-made resources without meta.lastUpdated are exported as last updated at this instant, so
    /// <c>_since</c> treats them as old data.</summary>
    public static readonly DateTimeOffset HandMadeLastUpdated = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lazy<FrozenDictionary<string, Resource[]>> _handMade = new(() => Index(data));

    public CohortStore Cohort => cohort;

    /// <summary>The members of a group (null: every patient); null when the group does not exist.</summary>
    public BulkMembers? Members(string? groupId) => groupId switch
    {
        null => new BulkMembers(HandMadePatients(), cohort.Size),
        CohortGroupId => new BulkMembers([], cohort.Size),
        HandMadeGroupId => new BulkMembers(HandMadePatients(), 0),
        _ => null,
    };

    /// <summary>The resources of one type of the member at <paramref name="position"/>.</summary>
    public IEnumerable<Resource> Resources(BulkMembers members, int position, string type, IReadOnlyList<CohortAdvance> advances) =>
        position < members.HandMade.Count
            ? _handMade.Value.GetValueOrDefault(members.HandMade[position] + "|" + type, [])
            : cohort.Resources(position - members.HandMade.Count, type, advances);

    private List<string> HandMadePatients() => [.. data.All("Patient").Select(p => p.Id)];

    private static FrozenDictionary<string, Resource[]> Index(FhirDataStore data) =>
        CohortStore.Types
            .SelectMany(type => data.All(type))
            .Where(r => r.PatientId is not null)
            .GroupBy(r => r.PatientId + "|" + r.ResourceType, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(r => WithLastUpdated(r.Resource)).ToArray(), StringComparer.Ordinal);

    // The served POCOs are shared and never changed; a copy carries the filled-in date.
    private static Resource WithLastUpdated(Resource resource)
    {
        if (resource.Meta?.LastUpdated is not null) return resource;
        var copy = (Resource)resource.DeepCopy();
        copy.Meta ??= new Meta();
        copy.Meta.LastUpdated = HandMadeLastUpdated;
        return copy;
    }
}
