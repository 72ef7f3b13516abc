using System.Runtime.InteropServices;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Resources;

/// <summary>
/// The resources read from one input, de-duplicated and addressable by reference.
/// Duplicates (same type and id) count once: the copy with the newest meta.lastUpdated wins, else the last
/// copy added (CODES.md rule 9). References resolve as Bundle.entry.fullUrl, as "Type/id", or as an absolute
/// URL ending in "Type/id" (references.html#literal, bundle.html#references); "#contained" is not resolved.
/// </summary>
public sealed class ResourceSet
{
    private readonly Dictionary<string, int> _byKey = new(StringComparer.Ordinal); // key -> index in _slots
    private readonly List<Slot> _slots = []; // in order of first appearance
    private readonly Dictionary<string, string> _keyByFullUrl = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];
    private int _added;

    /// <summary>How many resources were added, copies included.</summary>
    public int Added => _added;

    /// <summary>Warnings about the input as a whole (skipped entries and the like), in the order raised.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    public void AddWarning(string warning) => _warnings.Add(warning);

    /// <summary>Makes room for <paramref name="resources"/> distinct resources without growing (an estimate; more still fit).</summary>
    internal void EnsureCapacity(int resources)
    {
        if (resources <= _slots.Count) return;
        _byKey.EnsureCapacity(resources);
        _slots.EnsureCapacity(resources);
    }

    /// <summary>Adds a resource read from the input, in input order.</summary>
    public void Add(Resource resource, string? fullUrl = null, IReadOnlyList<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        fullUrl = string.IsNullOrWhiteSpace(fullUrl) ? null : fullUrl;
        var key = resource.TypeAndId ?? fullUrl ?? $"{resource.ResourceType}/(no id, resource {_added + 1})";
        // A fullUrl that ends in the resource's own "Type/id" (the usual server form) resolves to it without an entry
        // here (see FindSlot); only other fullUrls, and one already mapped elsewhere, need the map.
        if (fullUrl is not null && (_keyByFullUrl.ContainsKey(fullUrl) || !IsTypeAndIdOf(fullUrl, key))) _keyByFullUrl[fullUrl] = key;
        AddKeyed(resource, key, warnings ?? []);
    }

    private void AddKeyed(Resource resource, string key, IReadOnlyList<string> warnings)
    {
        var position = _added++;
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_byKey, key, out var exists);
        if (exists)
        {
            ref var slot = ref CollectionsMarshal.AsSpan(_slots)[index];
            slot.AnyLastUpdated |= resource.Meta?.LastUpdated is not null;
            slot.Count++;
            slot.Built = null;
            if (Supersedes(resource, slot.Winner.Resource)) slot.Winner = new ResourceEntry(key, resource, slot.Winner.Position, warnings);
        }
        else
        {
            index = _slots.Count;
            _slots.Add(new Slot
            {
                Winner = new ResourceEntry(key, resource, position, warnings), Count = 1,
                AnyLastUpdated = resource.Meta?.LastUpdated is not null,
            });
        }
    }

    /// <summary>
    /// Adds a resource whose entry's fullUrl is given as its (unescaped) UTF-8 bytes: decoded only when it says more
    /// than the resource's own "Type/id", which is what most servers write.
    /// </summary>
    internal void AddWithUtf8FullUrl(Resource resource, ReadOnlySpan<byte> fullUrl, IReadOnlyList<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_keyByFullUrl.Count == 0 && resource.TypeAndId is { } key && EndsWithTypeAndId(fullUrl, key)) AddKeyed(resource, key, warnings);
        else Add(resource, fullUrl.IsEmpty ? null : System.Text.Encoding.UTF8.GetString(fullUrl), warnings);
    }

    // True when the URL is "…/Type/id" or "Type/id" for this key ("Type/id" with one slash, ASCII), untrimmed and without
    // a history suffix: then resolving it by "Type/id" finds this resource, and it needs no map entry (see Add).
    private static bool EndsWithTypeAndId(ReadOnlySpan<byte> url, string key)
    {
        if (url.Length < key.Length || (url.Length > key.Length && url[^(key.Length + 1)] != (byte)'/')) return false;
        var tail = url[^key.Length..];
        var slashes = 0;
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c > 0x7F || tail[i] != (byte)c) return false;
            if (c == '/') slashes++;
        }
        return slashes == 1 && url.IndexOf("/_history/"u8) < 0;
    }

    /// <summary>The kept resources, in order of first appearance.</summary>
    public IReadOnlyList<ResourceEntry> GetEntries()
    {
        var entries = new List<ResourceEntry>(_slots.Count);
        foreach (ref var slot in CollectionsMarshal.AsSpan(_slots)) entries.Add(slot.ToEntry());
        return entries;
    }

    /// <summary>How many resources are kept (after de-duplication); <see cref="EntryAt"/> reads them without a list copy.</summary>
    internal int Count => _slots.Count;

    /// <summary>The kept resource at <paramref name="index"/> in order of first appearance, as <see cref="GetEntries"/> lists it.</summary>
    internal ResourceEntry EntryAt(int index) => CollectionsMarshal.AsSpan(_slots)[index].ToEntry();

    /// <summary>The kept resource a literal reference points to, or null.</summary>
    public ResourceEntry? Resolve(string? reference) =>
        FindSlot(reference) is var index and >= 0 ? CollectionsMarshal.AsSpan(_slots)[index].ToEntry() : null;

    /// <summary>
    /// The canonical form of a reference: the target's <see cref="ResourceEntry.Reference"/> when it is in the
    /// set, else "Type/id" taken from the reference text, else the text itself.
    /// </summary>
    public string? Canonical(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference)) return null;
        return (FindSlot(reference) is var index and >= 0 ? _slots[index].Winner.Reference : null) ?? TypeAndId(reference) ?? reference.Trim();
    }

    /// <summary>"Type/id" from a relative or absolute literal reference (ignoring a "/_history/n" suffix), or null.</summary>
    public static string? TypeAndId(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference)) return null;
        return TypeAndIdParts(reference, out var type, out var id) ? string.Concat(type, "/", id) : null;
    }

    // True when TypeAndId(reference) would equal key, without building that string.
    private static bool IsTypeAndIdOf(string reference, string key) =>
        TypeAndIdParts(reference, out var type, out var id)
        && key.Length == type.Length + 1 + id.Length && key.AsSpan().StartsWith(type) && key[type.Length] == '/' && key.AsSpan().EndsWith(id);

    private static bool TypeAndIdParts(string reference, out ReadOnlySpan<char> type, out ReadOnlySpan<char> id)
    {
        type = id = default;
        var text = reference.AsSpan().Trim();
        var history = text.IndexOf("/_history/", StringComparison.Ordinal);
        if (history >= 0) text = text[..history];
        var slash = text.LastIndexOf('/');
        if (slash <= 0 || slash == text.Length - 1) return false;
        id = text[(slash + 1)..];
        var before = text[..slash];
        type = before[(before.LastIndexOf('/') + 1)..];
        // Resource type names are PascalCase; this rejects "http:", "urn:uuid:…" and similar.
        return type.Length > 0 && char.IsAsciiLetterUpper(type[0]) && !type.ContainsAny(':', '.');
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

    // Rule 9: a dated copy beats an undated one, a newer date beats an older one, and on a tie (or with no
    // dates at all) the later copy wins. The candidate is always later in the input than the current winner.
    private static bool Supersedes(Resource candidate, Resource current)
    {
        var candidateDate = candidate.Meta?.LastUpdated;
        var currentDate = current.Meta?.LastUpdated;
        if (candidateDate is null) return currentDate is null;
        return currentDate is null || candidateDate.Value >= currentDate.Value;
    }

    // One key's copies: the winning copy as an entry (at the first copy's position) and how many copies there were.
    private struct Slot
    {
        public ResourceEntry Winner;
        public ResourceEntry? Built; // Winner with the duplicate notice, once asked for
        public int Count;
        public bool AnyLastUpdated;

        public ResourceEntry ToEntry()
        {
            if (Count == 1) return Winner;
            if (Built is null)
            {
                var kept = AnyLastUpdated ? "the one with the newest meta.lastUpdated" : "the last one in the file";
                Built = Winner with { Warnings = [.. Winner.Warnings, $"{Winner.Reference}: {Count} copies with the same id; kept {kept}"] };
            }
            return Built;
        }
    }
}
