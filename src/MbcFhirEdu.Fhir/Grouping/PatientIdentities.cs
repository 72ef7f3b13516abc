using Hl7.Fhir.Model;
using static MbcFhirEdu.Fhir.Mapping.MapContext;

namespace MbcFhirEdu.Fhir.Grouping;

/// <summary>
/// Who is who in one input (CODES.md rule 12). Each Patient record of the input is a node, and so is a patient the
/// caller already knows (the launched patient of a web page) or, in an input without any Patient, each patient its
/// subjects name. Records that share an identifier (same system and value) or are joined by Patient.link are one
/// person. <see cref="Resolve"/> says which record a subject points to, or why it points to none. Only FHIR reference
/// rules decide; the reader behind them does not matter.
/// </summary>
internal sealed class PatientIdentities
{
    private readonly ResourceSet _resources;
    private readonly List<PatientNode> _nodes = [];
    private readonly Dictionary<string, PatientNode> _byKey = new(StringComparer.Ordinal); // "Patient/id" or the urn/URL as written
    private readonly Dictionary<string, PatientNode> _linkTargets = new(StringComparer.Ordinal); // link.other not in the input
    private readonly Dictionary<(string System, string Value), List<PatientNode>> _byIdentifier = [];
    private readonly Dictionary<string, List<PatientNode>> _byIdentifierValue = new(StringComparer.Ordinal);

    public PatientIdentities(ResourceSet resources) => _resources = resources;

    /// <summary>The records, in order of first appearance.</summary>
    public IReadOnlyList<PatientNode> Nodes => _nodes;

    /// <summary>Adds a Patient record of the input.</summary>
    public void AddPatient(KeptResource entry)
    {
        var node = Add(entry.Reference, entry);
        foreach (var identifier in Many<Identifier>(entry.Resource, "identifier"))
        {
            if (Text(identifier.ValueElement) is not { } written || string.IsNullOrWhiteSpace(written)) continue;
            var value = written.Trim();
            Append(_byIdentifierValue, value, node);
            if (Text(identifier.SystemElement) is { } system && !string.IsNullOrWhiteSpace(system)) Append(_byIdentifier, (system.Trim(), value), node);
        }
    }

    /// <summary>Adds a patient known only by reference ("Patient/id"), unless a record already answers to it.</summary>
    public PatientNode AddKnown(string reference) =>
        FindRecord(reference) ?? Add(reference, entry: null);

    private PatientNode Add(string reference, KeptResource? entry)
    {
        var node = new PatientNode(reference, entry, _nodes.Count);
        _nodes.Add(node);
        _byKey.TryAdd(reference, node);
        if (ResourceSet.TypeAndId(reference) is { } typeAndId) _byKey.TryAdd(typeAndId, node);
        return node;
    }

    /// <summary>
    /// Joins the records that are one person: a shared identifier (system and value) or a Patient.link between them. A
    /// link to a record not in the input makes that reference another name of the person. Returns one warning per join,
    /// with a record of the person it is about.
    /// </summary>
    public List<(PatientNode Node, string Warning)> JoinSamePersons()
    {
        var warnings = new List<(PatientNode, string)>();
        foreach (var ((system, _), nodes) in _byIdentifier)
        {
            for (var i = 1; i < nodes.Count; i++)
            {
                if (Union(nodes[0], nodes[i]))
                {
                    warnings.Add((nodes[0],
                        $"{nodes[0].Reference} and {nodes[i].Reference} share an identifier (system {system}): one person, their resources are read together"));
                }
            }
        }
        foreach (var node in _nodes.ToList())
        {
            if (node.Entry?.Resource is not Patient patient) continue;
            foreach (var link in Many<Patient.LinkComponent>(patient, "link"))
            {
                var other = Text(link.Other?.ReferenceElement)?.Trim();
                if (string.IsNullOrEmpty(other) || other.StartsWith('#')) continue;
                if (FindRecord(other) is { } target)
                {
                    if (Union(node, target))
                    {
                        warnings.Add((node,
                            $"{node.Reference} and {target.Reference} are joined by Patient.link: one person, their resources are read together"));
                    }
                }
                else if (!_linkTargets.ContainsKey(Key(other)))
                {
                    _linkTargets[Key(other)] = node;
                    warnings.Add((node,
                        $"{node.Reference}: Patient.link names {Key(other)}, which is not in the input; resources about it are read as this person's"));
                }
            }
        }
        return warnings;
    }

    /// <summary>The record a subject points to, or why it points to none.</summary>
    public SubjectMatch Resolve(ResourceReference? subject)
    {
        var reference = subject?.Reference?.Trim();
        if (string.IsNullOrEmpty(reference))
        {
            if (subject?.Identifier is { } logical && !string.IsNullOrWhiteSpace(logical.Value)) return ByIdentifier(logical);
            return SubjectMatch.None(subject is null ? "no subject" : "subject has no reference", noSubject: true);
        }
        if (subject!.Type is { } type && !IsPatientType(type)) return SubjectMatch.None($"subject {reference} is of type {type}, not Patient");
        if (reference.StartsWith('#')) return SubjectMatch.None($"subject {reference} is a contained resource, which is not read");
        if (_resources.Resolve(reference) is { } target)
        {
            return target.Resource is Patient && _byKey.TryGetValue(target.Reference, out var record)
                ? SubjectMatch.To(record)
                : SubjectMatch.None($"subject {reference} is of type {target.Type}, not Patient");
        }
        var key = Key(reference);
        if (_byKey.TryGetValue(key, out var known)) return SubjectMatch.To(known);
        if (_linkTargets.TryGetValue(key, out var linked))
            return SubjectMatch.To(linked, $"subject {key} is linked (Patient.link) to {linked.Reference}; counted for it");
        if (ResourceSet.TypeAndId(reference) is { } typeAndId)
        {
            if (!typeAndId.StartsWith("Patient/", StringComparison.Ordinal)) return SubjectMatch.None($"subject {typeAndId} is not a Patient");
            if (IdentifierValueOfRecordWithoutId(typeAndId["Patient/".Length..]) is { } byValue)
                return SubjectMatch.To(byValue, $"subject {typeAndId} matches an identifier of {byValue.Reference}, which has no id; counted for it");
        }
        if (subject.Identifier is { } identifier && !string.IsNullOrWhiteSpace(identifier.Value)) return ByIdentifier(identifier, reference);
        return ResourceSet.TypeAndId(reference) is { } other
            ? SubjectMatch.None($"subject {other} is another patient, not in the input")
            : SubjectMatch.None($"subject {reference} does not resolve in the input");
    }

    /// <summary>The person (root record) a record belongs to.</summary>
    public PatientNode PersonOf(PatientNode node)
    {
        while (node.Parent != node) node = node.Parent = node.Parent.Parent;
        return node;
    }

    // A logical reference (references.html#logical): the identifier must match one person's (system and value; the value
    // alone when the reference gives no system and only one person has it).
    private SubjectMatch ByIdentifier(Identifier identifier, string? written = null)
    {
        var value = identifier.Value!.Trim();
        var what = written is null ? "a logical reference (identifier)" : $"subject {written} (not in the input) with an identifier";
        List<PatientNode>? nodes;
        if (!string.IsNullOrWhiteSpace(identifier.System)) _byIdentifier.TryGetValue((identifier.System.Trim(), value), out nodes);
        else _byIdentifierValue.TryGetValue(value, out nodes);
        var persons = nodes?.Select(PersonOf).Distinct().ToList() ?? [];
        if (persons.Count == 1)
        {
            var note = written is null ? null : $"{what} that matches {nodes![0].Reference}; counted for it";
            return SubjectMatch.To(nodes![0], note);
        }
        return SubjectMatch.None(persons.Count == 0 ? $"{what} that matches no patient in the input" : $"{what} that matches several patients");
    }

    private PatientNode? IdentifierValueOfRecordWithoutId(string value)
    {
        if (!_byIdentifierValue.TryGetValue(value, out var nodes)) return null;
        var candidates = nodes.Where(n => n.Entry?.Resource?.Id is null).Select(PersonOf).Distinct().ToList();
        return candidates.Count == 1 ? nodes.First(n => n.Entry?.Resource?.Id is null && PersonOf(n) == candidates[0]) : null;
    }

    private PatientNode? FindRecord(string reference)
    {
        if (_resources.Resolve(reference) is { Resource: Patient } target) return _byKey.GetValueOrDefault(target.Reference);
        return _byKey.GetValueOrDefault(Key(reference));
    }

    /// <summary>Reference.type: "Patient", or an absolute URL of the Patient definition (references.html#Reference.type).</summary>
    public static bool IsPatientType(string type) =>
        type.Trim() is "Patient" || type.Trim().EndsWith("/StructureDefinition/Patient", StringComparison.Ordinal);

    private static string Key(string reference) => ResourceSet.TypeAndId(reference) ?? reference.Trim();

    // The earlier record stays the root, so a person's records keep file order.
    private bool Union(PatientNode a, PatientNode b)
    {
        var (x, y) = (PersonOf(a), PersonOf(b));
        if (x == y) return false;
        if (y.Order < x.Order) (x, y) = (y, x);
        y.Parent = x;
        return true;
    }

    private static void Append<TKey>(Dictionary<TKey, List<PatientNode>> index, TKey key, PatientNode node)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        if (!list.Contains(node)) list.Add(node);
    }
}

/// <summary>One Patient record (or a patient known only by reference) of the input.</summary>
internal sealed class PatientNode
{
    public PatientNode(string reference, KeptResource? entry, int order)
    {
        Reference = reference;
        Entry = entry;
        Order = order;
        Parent = this;
    }

    /// <summary>"Patient/id" (or the fullUrl of a record without id).</summary>
    public string Reference { get; }
    public KeptResource? Entry { get; }
    public int Order { get; }
    public PatientNode Parent { get; set; }
    /// <summary>How many resources point to this record (the merged person takes the reference most of them use).</summary>
    public int Resources { get; set; }
}

/// <summary>Where a subject points: a record (with a note when the match needed a rule), or nowhere and why.</summary>
/// <remarks><see cref="NoSubject"/>: the resource names nobody, so it may go to the only patient of the input.</remarks>
internal readonly record struct SubjectMatch(PatientNode? Node, string? Note, bool NoSubject)
{
    public static SubjectMatch To(PatientNode node, string? note = null) => new(node, note, false);

    public static SubjectMatch None(string why, bool noSubject = false) => new(null, why, noSubject);
}
