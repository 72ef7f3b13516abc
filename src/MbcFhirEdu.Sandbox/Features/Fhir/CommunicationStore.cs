using Hl7.Fhir.Model;

namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary>Communications written by apps (education deliveries), kept in memory in id order.</summary>
internal sealed class CommunicationStore(TimeProvider time)
{
    public const int Capacity = 10_000;
    private readonly Lock _gate = new();
    private readonly List<StoredResource> _items = [];

    public IReadOnlyList<StoredResource> Snapshot()
    {
        lock (_gate) return _items.ToArray();
    }

    public StoredResource? Find(string id)
    {
        lock (_gate) return _items.FirstOrDefault(r => r.Id == id);
    }

    /// <summary>Create, or with <paramref name="ifNoneExist"/> (an identifier token) return the one existing match
    /// (FHIR R4 §3.1.0.8.1 conditional create). Check and insert happen under one lock.</summary>
    public CreateResult Create(Communication resource, string? ifNoneExist)
    {
        lock (_gate)
        {
            if (ifNoneExist is not null)
            {
                var parameter = SearchParameters.Find("Communication", "identifier")!;
                var existing = _items.Where(r => SearchParameters.Matches(r, parameter, ifNoneExist)).Take(2).ToList();
                if (existing.Count == 1) return new CreateResult(CreateStatus.Existing, existing[0]);
                if (existing.Count > 1) return new CreateResult(CreateStatus.MultipleMatches, null);
            }
            if (_items.Count >= Capacity) return new CreateResult(CreateStatus.Full, null);
            var now = time.GetUtcNow();
            // Version 7 GUIDs sort by creation time, so id order is also arrival order.
            var id = Guid.CreateVersion7(now).ToString("N");
            resource.Id = id;
            resource.Meta = new Meta { VersionId = "1", LastUpdated = now };
            var stored = StoredResource.From(resource);
            var index = _items.FindIndex(r => string.CompareOrdinal(r.Id, id) > 0);
            _items.Insert(index < 0 ? _items.Count : index, stored);
            return new CreateResult(CreateStatus.Created, stored);
        }
    }
}

internal enum CreateStatus { Created, Existing, MultipleMatches, Full }

internal sealed record CreateResult(CreateStatus Status, StoredResource? Resource);
