using Hl7.Fhir.Model;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Fhir.Grouping;

/// <summary>
/// Groups a <see cref="ResourceSet"/> into one <see cref="PatientData"/> per person (CODES.md rule 12). The persons are
/// the input's Patient records, joined when they share an identifier or a Patient.link (see
/// <see cref="PatientIdentities"/>); an input without any Patient gets one person per patient its subjects name.
/// A resource counts for a person only when its subject resolves to one of the person's records; a resource with no
/// subject (or a display-only one) goes to the only person, with a warning; every other resource is left out and named
/// in the warnings. Records are sorted by reference and warnings ordinally, so the result does not depend on entry order.
/// </summary>
internal static class PatientDataBuilder
{
    /// <summary>The patient reference used when a file has no Patient and its subjects carry no reference (display only).</summary>
    public const string UnidentifiedPatient = "Patient/unknown";

    /// <summary>Groups every person of the input.</summary>
    public static FhirReadResult Build(ResourceSet resources, string sourceName) => Build(resources, sourceName, knownPatient: null);

    /// <summary>
    /// Groups the input, with <paramref name="knownPatient"/> ("Patient/id", e.g. the launched patient of a web page)
    /// counted as a patient of the input even when its Patient resource is missing from it. The person it belongs to
    /// is reported under that reference.
    /// </summary>
    public static FhirReadResult Build(ResourceSet resources, string sourceName, string? knownPatient)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var fileWarnings = new List<string>(resources.Warnings);
        var identities = new PatientIdentities(resources);
        var clinical = new List<(KeptResource Entry, ResourceReference? Subject)>();
        for (var i = 0; i < resources.Count; i++)
        {
            var entry = resources.EntryAt(i);
            switch (entry.Resource)
            {
                case null: clinical.Add((entry, entry.Subject)); break; // a clinical resource: only its record is kept
                case Patient: identities.AddPatient(entry); break;
                case OperationOutcome outcome:
                    fileWarnings.AddRange(entry.Warnings);
                    OutcomeWarnings.AddTo(fileWarnings, outcome);
                    break;
            }
        }
        var known = knownPatient is null ? null : identities.AddKnown(knownPatient);
        var derivedWarnings = identities.Nodes.Count == 0 ? AddPatientsFromSubjects(clinical, identities) : [];
        if (identities.Nodes.Count == 0)
        {
            // Keep the file's own warnings (e.g. a server's OperationOutcome saved instead of data): they say why.
            var error = new FhirReadError(FhirReadErrorKind.NoPatientData, sourceName, $"no patient data in {sourceName}");
            return FhirReadResult.Failure(error) with { Warnings = Sorted(fileWarnings) };
        }

        var joins = identities.JoinSamePersons();
        var persons = Persons(identities);
        var byRoot = persons.ToDictionary(p => p.Root);
        if (known is not null) byRoot[identities.PersonOf(known)].ReportAs = known;
        foreach (var (node, warning) in joins.Concat(derivedWarnings)) byRoot[identities.PersonOf(node)].Warnings.Add(warning);
        var only = persons.Count == 1 ? persons[0] : null;
        foreach (var (entry, subject) in clinical)
        {
            var match = identities.Resolve(subject);
            if (match.Node is { } node)
            {
                node.Resources++;
                var person = byRoot[identities.PersonOf(node)];
                person.Members.Add(entry);
                if (match.Note is { } note) person.Warnings.Add($"{entry.Reference}: {note}");
            }
            else if (match.NoSubject && only is not null)
            {
                only.Members.Add(entry);
                only.Warnings.Add($"{entry.Reference}: {match.Note}; counted for {only.Root.Reference}, the only patient");
            }
            else
            {
                var why = match.NoSubject ? $"; left out because the input has {persons.Count} patients" : "; left out";
                fileWarnings.Add($"{entry.Reference}: {match.Note}{why}");
            }
        }

        var shared = Sorted(fileWarnings);
        var data = persons.Select(person => person.ToPatientData(shared)).ToList();
        return new FhirReadResult { Patients = data, Warnings = shared };
    }

    // One bucket per person (its root record is its earliest), in order of first appearance.
    private static List<PatientBucket> Persons(PatientIdentities identities)
    {
        var persons = new List<PatientBucket>();
        var byRoot = new Dictionary<PatientNode, PatientBucket>();
        foreach (var node in identities.Nodes)
        {
            var root = identities.PersonOf(node);
            if (!byRoot.TryGetValue(root, out var bucket))
            {
                byRoot[root] = bucket = new PatientBucket(root);
                persons.Add(bucket);
            }
            bucket.AddRecord(node);
        }
        return persons;
    }

    // No Patient resource: each distinct patient a subject names becomes a person, in order of first use; subjects that
    // carry only a display make one unidentified patient when nothing else names one.
    private static List<(PatientNode, string)> AddPatientsFromSubjects(
        List<(KeptResource Entry, ResourceReference? Subject)> clinical, PatientIdentities identities)
    {
        var warnings = new List<(PatientNode, string)>();
        var anySubject = false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, subject) in clinical)
        {
            anySubject |= subject is not null;
            if (PatientKey(subject) is not { } key || !seen.Add(key)) continue;
            var node = identities.AddKnown(key);
            warnings.Add((node, $"{key}: the Patient resource is not in the file; its resources are grouped by subject reference"));
        }
        if (identities.Nodes.Count == 0 && anySubject)
        {
            var node = identities.AddKnown(UnidentifiedPatient);
            warnings.Add((node,
                $"{UnidentifiedPatient}: the file has no Patient resource and no subject reference; its resources are counted for one unidentified patient"));
        }
        return warnings;
    }

    /// <summary>The patient a subject names when the input holds no Patient: "Patient/id", or an opaque (urn) reference.</summary>
    private static string? PatientKey(ResourceReference? subject)
    {
        var reference = subject?.Reference?.Trim();
        if (string.IsNullOrEmpty(reference) || reference.StartsWith('#')) return null;
        if (subject!.Type is { } type && !PatientIdentities.IsPatientType(type)) return null;
        if (ResourceSet.TypeAndId(reference) is { } typeAndId) return typeAndId.StartsWith("Patient/", StringComparison.Ordinal) ? typeAndId : null;
        return reference;
    }

    internal static IReadOnlyList<string> Sorted(List<string> warnings)
    {
        if (warnings.Count == 0) return [];
        warnings.Sort(StringComparer.Ordinal);
        var distinct = new List<string>(warnings.Count);
        foreach (var warning in warnings)
        {
            if (distinct.Count == 0 || !string.Equals(distinct[^1], warning, StringComparison.Ordinal)) distinct.Add(warning);
        }
        return distinct;
    }
}
