using System.Text.Json;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Fhir.Grouping;
using Microsoft.EntityFrameworkCore;

namespace MbcFhirEdu.Data.Population;

/// <summary>
/// Patient records of one FHIR base that are one person by Patient.link (merged records in an EHR), read from the staged
/// Patient lines. CODES.md rule 12 reads linked records as one person; a population run does the same: the person is
/// compared once, under its <b>surviving</b> record, with the resources of all its records, and the worklist never
/// holds two entries for one person. The surviving record is the one no other record of the person replaces
/// (<c>replaced-by</c> on the old record, <c>replaces</c> on the new); when that does not single one out (only
/// <c>refer</c>/<c>seealso</c>, or links that disagree), the smallest id, with a warning, so every run picks the same.
/// A record <c>replaced-by</c> one that is not staged is not compared at all (a warning names both ids): its person's
/// current record is elsewhere, and comparing the old one alone would read a gap as "nothing recorded".
/// Loaded once per worker and run with one query over the staged Patient lines that mention "link" (bounded by
/// <see cref="MaxLinkedRecords"/>).
/// </summary>
internal sealed class PatientLinks
{
    public const int MaxLinkedRecords = 100_000;

    private readonly Dictionary<string, string> _survivor = new(StringComparer.Ordinal);   // a merged record → its surviving record
    private readonly Dictionary<string, List<string>> _merged = new(StringComparer.Ordinal); // a surviving record → the others
    private readonly Dictionary<string, string> _replacedOutside = new(StringComparer.Ordinal); // record → replacing id, not staged

    public static PatientLinks None { get; } = new();

    /// <summary>Warnings about the links themselves (disagreeing links, the bound).</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>The surviving record of a merged (non-surviving) record; null for a record compared as itself.</summary>
    public string? SurvivorOf(string patientId) => _survivor.GetValueOrDefault(patientId);

    /// <summary>The records merged into a surviving record (empty when none).</summary>
    public IReadOnlyList<string> MergedInto(string patientId) => _merged.GetValueOrDefault(patientId) ?? [];

    /// <summary>The id that replaces a record when that id is not staged; null otherwise.</summary>
    public string? ReplacedOutside(string patientId) => _replacedOutside.GetValueOrDefault(patientId);

    public static async Task<PatientLinks> LoadAsync(IDbContextFactory<MbcEduDbContext> factory, string fhirBase, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var rows = await db.PopulationStaging.AsNoTracking()
            .Where(s => s.FhirBase == fhirBase && s.ResourceType == "Patient" && s.Payload.Contains("\"link\""))
            .OrderBy(s => s.PatientId).Select(s => new { s.PatientId, s.Payload }).Take(MaxLinkedRecords + 1).ToListAsync(ct).ConfigureAwait(false);
        var links = new PatientLinks();
        if (rows.Count > MaxLinkedRecords)
        {
            links.Warnings.Add($"more than {MaxLinkedRecords} Patient records with Patient.link; the records after that are compared on their own");
            rows.RemoveAt(rows.Count - 1);
        }
        var edges = rows.SelectMany(r => Read(r.PatientId, r.Payload)).Where(e => e.From != e.To).ToList();
        if (edges.Count == 0) return links;
        var targets = edges.Select(e => e.To).Distinct(StringComparer.Ordinal).ToList();
        var staged = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in targets.Chunk(1000))
        {
            staged.UnionWith(await db.PopulationStaging.AsNoTracking()
                .Where(s => s.FhirBase == fhirBase && s.ResourceType == "Patient" && chunk.Contains(s.PatientId))
                .Select(s => s.PatientId).ToListAsync(ct).ConfigureAwait(false));
        }
        links.Build(edges, staged);
        return links;
    }

    /// <summary>
    /// Puts on the run's to-do list the surviving record of every person one of whose records is on it (only the merged
    /// record changed, or a deletion touched it): the person is compared under that record. Idempotent; run before the
    /// compare phase starts, so every worker sees the same list.
    /// </summary>
    public async Task QueueSurvivorsAsync(IDbContextFactory<MbcEduDbContext> factory, Guid runId, int partitions, CancellationToken ct)
    {
        if (_survivor.Count == 0) return;
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var queued = new List<string>();
        foreach (var chunk in _survivor.Keys.Concat(_merged.Keys).Chunk(1000))
        {
            queued.AddRange(await db.PopulationRunPatients.AsNoTracking().Where(p => p.RunId == runId && chunk.Contains(p.PatientId))
                .Select(p => p.PatientId).ToListAsync(ct).ConfigureAwait(false));
        }
        foreach (var survivor in queued.Select(id => SurvivorOf(id) ?? id).Distinct(StringComparer.Ordinal))
            await StagedDeletions.QueueAsync(db, runId, survivor, partitions, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Why <paramref name="patientId"/> is not compared as itself (null when it is): merged into a surviving record, or
    /// replaced by a record that is not staged. Its open entries are then closed with <paramref name="closedBy"/>.
    /// </summary>
    public string? NotComparedAsItself(string patientId, out string? closedBy)
    {
        if (SurvivorOf(patientId) is { } survivor)
        {
            closedBy = $"merged into Patient/{survivor} (Patient.link)";
            return $"Patient/{patientId} and Patient/{survivor} are one person (Patient.link): compared together as Patient/{survivor}";
        }
        if (ReplacedOutside(patientId) is { } replacing)
        {
            closedBy = $"replaced by Patient/{replacing} (Patient.link)";
            return $"Patient/{patientId} is replaced by Patient/{replacing} (Patient.link), which is not in the export; not compared";
        }
        closedBy = null;
        return null;
    }

    /// <summary>The staged lines of the records merged into each surviving record of <paramref name="ids"/> (only this run's
    /// copies when <paramref name="thisRunOnly"/>: a full export's unseen rows are deleted resources).</summary>
    public async Task<Dictionary<string, List<string>>> MergedLinesAsync(MbcEduDbContext db, PopulationRunRecord run, IEnumerable<string> ids,
        bool thisRunOnly, CancellationToken ct)
    {
        var survivorOf = ids.SelectMany(id => MergedInto(id).Select(m => (Merged: m, Survivor: id))).ToDictionary(p => p.Merged, p => p.Survivor, StringComparer.Ordinal);
        var lines = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (survivorOf.Count == 0) return lines;
        var merged = survivorOf.Keys.ToList();
        var rows = await db.PopulationStaging.AsNoTracking()
            .Where(s => s.FhirBase == run.FhirBase && merged.Contains(s.PatientId) && (!thisRunOnly || s.RunId == run.Id))
            .OrderBy(s => s.PatientId).ThenBy(s => s.ResourceType).ThenBy(s => s.ResourceId)
            .Select(s => new { s.PatientId, s.Payload }).ToListAsync(ct).ConfigureAwait(false);
        foreach (var row in rows)
        {
            var survivor = survivorOf[row.PatientId];
            if (!lines.TryGetValue(survivor, out var list)) lines[survivor] = list = [];
            list.Add(row.Payload);
        }
        return lines;
    }

    private readonly record struct Edge(string From, string To, string Type);

    private void Build(List<Edge> all, HashSet<string> staged)
    {
        foreach (var edge in all.Where(e => e.Type == "replaced-by" && !staged.Contains(e.To)))
            _replacedOutside.TryAdd(edge.From, edge.To);
        var edges = all.Where(e => staged.Contains(e.To) && !_replacedOutside.ContainsKey(e.From) && !_replacedOutside.ContainsKey(e.To)).ToList();
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Find(string x)
        {
            while (parent.TryGetValue(x, out var p) && p != x) x = parent[x] = parent.GetValueOrDefault(p, p);
            return x;
        }
        foreach (var edge in edges)
        {
            parent.TryAdd(edge.From, edge.From);
            parent.TryAdd(edge.To, edge.To);
            var (a, b) = (Find(edge.From), Find(edge.To));
            if (a != b) parent[string.CompareOrdinal(a, b) < 0 ? b : a] = string.CompareOrdinal(a, b) < 0 ? a : b;
        }
        var replaced = edges.Where(e => e.Type == "replaced-by").Select(e => e.From)
            .Concat(edges.Where(e => e.Type == "replaces").Select(e => e.To)).ToHashSet(StringComparer.Ordinal);
        foreach (var person in parent.Keys.GroupBy(Find, StringComparer.Ordinal))
        {
            var members = person.Order(StringComparer.Ordinal).ToList();
            var candidates = members.Where(m => !replaced.Contains(m)).ToList();
            var survivor = candidates.Count == 1 ? candidates[0] : (candidates.Count > 0 ? candidates : members)[0];
            if (candidates.Count != 1)
            {
                Warnings.Add($"Patient records {string.Join(", ", members.Select(m => "Patient/" + m))} are joined by Patient.link " +
                    $"without one surviving record (replaced-by/replaces); compared together as Patient/{survivor}");
            }
            _merged[survivor] = members.Where(m => m != survivor).ToList();
            foreach (var member in _merged[survivor]) _survivor[member] = survivor;
        }
    }

    // Patient.link[].other.reference ("Patient/x", relative or absolute) and .type; anything else is not a link to follow.
    private static IEnumerable<Edge> Read(string patientId, string payload)
    {
        using var document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 64 });
        if (!document.RootElement.TryGetProperty("link", out var links) || links.ValueKind != JsonValueKind.Array) return [];
        var edges = new List<Edge>();
        foreach (var link in links.EnumerateArray())
        {
            if (link.ValueKind != JsonValueKind.Object || !link.TryGetProperty("other", out var other) || other.ValueKind != JsonValueKind.Object) continue;
            var reference = other.TryGetProperty("reference", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            var type = link.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (ResourceSet.TypeAndId(reference) is { } typeAndId && typeAndId.StartsWith("Patient/", StringComparison.Ordinal))
                edges.Add(new Edge(patientId, typeAndId["Patient/".Length..], type ?? ""));
        }
        return edges;
    }
}
