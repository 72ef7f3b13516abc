using System.Globalization;
using Hl7.Fhir.Model;
using MbcFhirEdu.Fhir.Input;
using MbcFhirEdu.Fhir.Mapping;

namespace MbcFhirEdu.Fhir.Grouping;

/// <summary>
/// The resources read from one input, de-duplicated and addressable by reference; only the types the service reads
/// (Patient, Condition, Observation, DiagnosticReport, OperationOutcome) are kept. A clinical resource is mapped to its
/// Core record as it is added (see <see cref="KeptResource"/>). Duplicates (same type and id) count once: the copy with the
/// newest meta.lastUpdated wins, else the last copy added (CODES.md rule 9). References resolve as Bundle.entry.fullUrl,
/// as "Type/id", or as an absolute URL ending in "Type/id" (references.html#literal, bundle.html#references); a
/// fullUrl resolves from the moment its Bundle is added, so within its Bundle in any order; "#contained" is not resolved.
/// </summary>
internal sealed class ResourceSet
{
    private readonly Dictionary<string, int> _byKey = new(StringComparer.Ordinal); // key -> index in _slots
    private readonly List<Slot> _slots = []; // in order of first appearance
    private readonly Dictionary<string, string> _keyByFullUrl = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];
    private readonly List<(string Key, int Position, ReadEntry Entry)> _pending = [];

    /// <summary>How many resources were added, copies included.</summary>
    public int Added { get; private set; }

    /// <summary>How many resources were read, Bundles and unused types included (what <see cref="Input.FhirReadLimits.MaxResources"/> bounds).</summary>
    public int Counted { get; set; }

    /// <summary>Warnings about the input as a whole (skipped entries and the like), in the order raised.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    public void AddWarning(string warning) => _warnings.Add(warning);

    /// <summary>How many resources are kept (after de-duplication).</summary>
    public int Count => _slots.Count;

    /// <summary>The kept resource at <paramref name="index"/>, in order of first appearance.</summary>
    public KeptResource EntryAt(int index) => _slots[index].ToEntry();

    /// <summary>
    /// Adds the resources of one JSON value (a resource, or a Bundle's entries) in input order. Every key and fullUrl is
    /// known before any of them is mapped, so a reference to a later entry of the same Bundle resolves.
    /// </summary>
    public void Add(IReadOnlyList<ReadEntry> entries)
    {
        AddPart(entries);
        MapPending();
    }

    /// <summary>
    /// Adds part of a JSON value read entry by entry (a streamed Bundle's entry). A resource whose mapping reads a
    /// reference (a Condition's stage assessment or related primary) waits, as its POCO, for <see cref="MapPending"/>:
    /// the entry it names may come later in the Bundle. Every other resource is mapped now and its POCO dropped.
    /// </summary>
    public void AddPart(IReadOnlyList<ReadEntry> entries)
    {
        var keys = new (string Key, int Position)?[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var (resource, fullUrl, _) = entries[i];
            if (!IsKept(resource)) continue;
            var position = ++Added;
            var key = resource.Id is { Length: > 0 } id ? $"{resource.TypeName}/{id}" : fullUrl ?? $"{resource.TypeName}/(no id, resource {position})";
            keys[i] = (key, position);
            // A fullUrl that ends in the resource's own "Type/id" (the usual server form) resolves without an entry here.
            if (fullUrl is not null && (_keyByFullUrl.ContainsKey(fullUrl) || TypeAndId(fullUrl) != key)) _keyByFullUrl[fullUrl] = key;
            if (!_byKey.ContainsKey(key))
            {
                _byKey[key] = _slots.Count;
                _slots.Add(new Slot { Key = key });
            }
        }
        for (var i = 0; i < entries.Count; i++)
        {
            if (keys[i] is not { } kept) continue;
            if (!Keep(kept.Key, kept.Position, entries[i], deferReferences: true)) _pending.Add((kept.Key, kept.Position, entries[i]));
        }
    }

    /// <summary>Maps the resources that waited for the end of their JSON value (see <see cref="AddPart"/>).</summary>
    public void MapPending()
    {
        foreach (var (key, position, entry) in _pending) Keep(key, position, entry, deferReferences: false);
        _pending.Clear();
    }

    private static bool IsKept(Resource resource) => resource is Patient or Condition or Observation or DiagnosticReport or OperationOutcome;

    // False (nothing kept) when deferReferences is set and the mapping read a reference: it is mapped again later.
    private bool Keep(string key, int position, ReadEntry entry, bool deferReferences)
    {
        var warnings = entry.Issues.Select(issue => key + ": " + issue).ToList();
        var readsReference = false;
        var context = new MapContext(key, warnings, reference =>
        {
            readsReference |= !string.IsNullOrWhiteSpace(reference);
            return Canonical(reference);
        });
        var (subject, record) = entry.Resource switch
        {
            Condition c => (Subjects.Of(c, context), (object)RecordMapper.Condition(c, context)),
            Observation o => (Subjects.Of(o, context), RecordMapper.Observation(o, context)),
            DiagnosticReport r => (Subjects.Of(r, context), RecordMapper.Report(r, context)),
            _ => (null, null),
        };
        if (deferReferences && readsReference) return false;
        var kept = new KeptResource(key, entry.Resource.TypeName, subject, record, record is null ? entry.Resource : null, warnings);
        var lastUpdated = LastUpdated(entry.Resource);
        var index = _byKey[key];
        var slot = _slots[index];
        slot.AnyLastUpdated |= lastUpdated is not null;
        slot.Count++;
        // Rule 9: a dated copy beats an undated one, a newer date beats an older one, and on a tie (or with no dates at
        // all) the later copy in the input wins — by position, as a copy that waited for MapPending is kept after later ones.
        if (slot.Winner is null || (lastUpdated is null
                ? slot.LastUpdated is null && position > slot.Position
                : slot.LastUpdated is null || lastUpdated > slot.LastUpdated || (lastUpdated == slot.LastUpdated && position > slot.Position)))
        {
            slot.Winner = kept;
            slot.LastUpdated = lastUpdated;
            slot.Position = position;
        }
        _slots[index] = slot;
        return true;
    }

    private static DateTimeOffset? LastUpdated(Resource resource) =>
        MapContext.Text(resource.Meta?.LastUpdatedElement) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : null;

    /// <summary>The kept resource a literal reference points to, or null.</summary>
    public KeptResource? Resolve(string? reference) => FindSlot(reference) is var index and >= 0 ? _slots[index].ToEntry() : null;

    /// <summary>
    /// The canonical form of a reference: the target's reference when it is in the set, else "Type/id" taken from the
    /// reference text, else the text itself.
    /// </summary>
    public string? Canonical(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference)) return null;
        return (FindSlot(reference) is var index and >= 0 ? _slots[index].Key : null) ?? TypeAndId(reference) ?? reference.Trim();
    }

    /// <summary>"Type/id" from a relative or absolute literal reference (ignoring a "/_history/n" suffix), or null.</summary>
    public static string? TypeAndId(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference)) return null;
        var text = reference.AsSpan().Trim();
        var history = text.IndexOf("/_history/", StringComparison.Ordinal);
        if (history >= 0) text = text[..history];
        var slash = text.LastIndexOf('/');
        if (slash <= 0 || slash == text.Length - 1) return null;
        var id = text[(slash + 1)..];
        var before = text[..slash];
        var type = before[(before.LastIndexOf('/') + 1)..];
        // Resource type names are PascalCase; this rejects "http:", "urn:uuid:…" and similar.
        return type.Length > 0 && char.IsAsciiLetterUpper(type[0]) && !type.ContainsAny(':', '.') ? string.Concat(type, "/", id) : null;
    }

    // The index in _slots of the kept resource a reference points to, or -1.
    private int FindSlot(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference) || reference.StartsWith('#')) return -1;
        var text = reference.Trim();
        if (_keyByFullUrl.TryGetValue(text, out var key) && _byKey.TryGetValue(key, out var byUrl)) return byUrl;
        if (_byKey.TryGetValue(text, out var direct)) return direct;
        return TypeAndId(text) is { } typeAndId && _byKey.TryGetValue(typeAndId, out var byId) ? byId : -1;
    }

    // One key's copies: the winning copy and how many copies there were.
    private struct Slot
    {
        public string Key;
        public KeptResource? Winner;
        public DateTimeOffset? LastUpdated;
        public int Position;
        public int Count;
        public bool AnyLastUpdated;

        public readonly KeptResource ToEntry()
        {
            if (Count == 1) return Winner!;
            var kept = AnyLastUpdated ? "the one with the newest meta.lastUpdated" : "the last one in the file";
            return Winner! with { Warnings = [.. Winner!.Warnings, $"{Key}: {Count} copies with the same id; kept {kept}"] };
        }
    }
}
