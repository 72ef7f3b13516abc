using System.Buffers;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Input;
using MbcFhirEdu.Fhir.Mapping;
using MbcFhirEdu.Fhir.Model;
using MbcFhirEdu.Fhir.Resources;

namespace MbcFhirEdu.Fhir.Grouping;

/// <summary>
/// Groups a <see cref="ResourceSet"/> into one <see cref="PatientData"/> per patient (CODES.md rule 12).
/// Patients are the file's Patient resources, in file order; a file without any gets one patient per distinct
/// subject reference. A resource whose subject is not one of them goes to the only patient when there is exactly
/// one, else it is ignored with a warning. Records are sorted by reference and warnings ordinally, so the
/// result does not depend on entry order.
/// </summary>
public static class PatientDataBuilder
{
    /// <summary>The patient reference used when a file has no Patient and its subjects carry no reference (display only).</summary>
    public const string UnidentifiedPatient = "Patient/unknown";

    public static FhirReadResult Build(ResourceSet resources, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(resources);
        // The clinical entries in set order and their subjects, in pooled arrays: read twice below, never kept. The
        // subject is taken in the first pass, while the resource is at hand, so the second pass does not touch it again.
        var size = Math.Max(resources.Count, 1);
        var clinical = ArrayPool<ResourceEntry>.Shared.Rent(size);
        var subjects = ArrayPool<ResourceReference?>.Shared.Rent(size);
        try
        {
            return Build(resources, sourceName, clinical, subjects);
        }
        finally
        {
            // Cleared only as far as they can have been used: a rented array may be much longer.
            clinical.AsSpan(0, size).Clear();
            subjects.AsSpan(0, size).Clear();
            ArrayPool<ResourceEntry>.Shared.Return(clinical);
            ArrayPool<ResourceReference?>.Shared.Return(subjects);
        }
    }

    private static FhirReadResult Build(ResourceSet resources, string sourceName, ResourceEntry[] clinicalBuffer, ResourceReference?[] subjects)
    {
        var fileWarnings = new List<string>(resources.Warnings);
        var patients = new PatientBuckets();
        var codes = new CodeNormalizer();
        // Most files hold one patient, who then gets every clinical entry (those not naming it with a warning, added
        // below). So each entry is mapped for that patient as soon as it is read, while the resource is at hand; a
        // second Patient stops this (that file is grouped first, then mapped per patient, below). A file without a Patient
        // whose subjects name one patient keeps the mapped entries.
        using var single = new PatientRecords(resources.Count, resources, codes);
        var mappingSingle = true;
        var clinicalCount = 0;
        for (var i = 0; i < resources.Count; i++)
        {
            var entry = resources.EntryAt(i);
            ResourceReference? subject;
            switch (entry.Resource)
            {
                case Observation o: subject = o.Subject; break;
                case Condition c: subject = c.Subject; break;
                case DiagnosticReport r: subject = r.Subject; break;
                case Patient:
                    patients.Add(entry.Reference, entry);
                    mappingSingle &= patients.Count == 1;
                    continue;
                case OperationOutcome outcome:
                    fileWarnings.AddRange(entry.Warnings);
                    OutcomeWarnings.AddTo(fileWarnings, outcome);
                    continue;
                default:
                    continue;
            }
            subjects[clinicalCount] = subject;
            clinicalBuffer[clinicalCount++] = entry;
            if (mappingSingle) single.Add(entry);
        }
        var clinical = new ReadOnlySpan<ResourceEntry>(clinicalBuffer, 0, clinicalCount);
        var clinicalSubjects = new ReadOnlySpan<ResourceReference?>(subjects, 0, clinicalCount);
        if (patients.Count == 0) AddPatientsFromSubjects(clinicalSubjects, resources, patients);
        if (patients.Count == 0)
        {
            // Keep the file's own warnings (e.g. a server's OperationOutcome saved instead of data): they say why.
            var error = new FhirReadError(FhirReadErrorKind.NoPatientData, sourceName, $"no patient data in {sourceName}");
            return FhirReadResult.Failure(error) with { Warnings = Sorted(fileWarnings) };
        }

        var only = patients.Count == 1 ? patients.All[0] : null;
        // A patient's resources name the same subject thousands of times (one pooled string): resolve each once.
        var owners = new Dictionary<(string Reference, string? Type), PatientBucket?>();
        ResourceReference? lastSubject = null;
        PatientBucket? lastOwner = null;
        for (var i = 0; i < clinical.Length; i++)
        {
            var entry = clinical[i];
            var subject = clinicalSubjects[i];
            // The reader shares equal plain subjects, so the previous resource's answer usually applies as is.
            var owner = subject is not null && ReferenceEquals(subject, lastSubject) ? lastOwner : OwnerOf(subject, resources, patients, owners);
            (lastSubject, lastOwner) = (subject, owner);
            if (only is not null)
            {
                // Already mapped above: with one patient, mapping was never stopped.
                if (owner is null) only.Warnings.Add($"{entry.Reference}: {Describe(subject)}; counted for {only.Reference}, the only patient");
            }
            else if (owner is not null)
            {
                owner.Members.Add(entry);
            }
            else
            {
                fileWarnings.Add($"{entry.Reference}: {Describe(subject)}; ignored because the file has {patients.Count} patients");
            }
        }

        var shared = Sorted(fileWarnings);
        var data = new List<PatientData>(patients.Count);
        if (only is not null)
        {
            data.Add(single.Finish(only, shared));
        }
        else
        {
            foreach (var bucket in patients.All) data.Add(bucket.ToPatientData(resources, codes, shared));
        }
        return new FhirReadResult { Patients = data, Warnings = shared };
    }

    // No Patient resource: each distinct Patient subject reference becomes a patient, in order of first use.
    private static void AddPatientsFromSubjects(ReadOnlySpan<ResourceReference?> subjects, ResourceSet resources, PatientBuckets patients)
    {
        var anySubject = false;
        foreach (var subject in subjects)
        {
            anySubject |= subject is not null;
            if (PatientKey(subject, resources) is not { } key || patients.Find(key) is not null) continue;
            patients.Add(key, null).Warnings.Add($"{key}: the Patient resource is not in the file; its resources are grouped by subject reference");
        }
        if (patients.Count == 0 && anySubject)
        {
            patients.Add(UnidentifiedPatient, null).Warnings.Add(
                $"{UnidentifiedPatient}: the file has no Patient resource and no subject reference; its resources are counted for one unidentified patient");
        }
    }

    private static PatientBucket? OwnerOf(
        ResourceReference? subject, ResourceSet resources, PatientBuckets patients, Dictionary<(string, string?), PatientBucket?> owners)
    {
        if (subject?.Reference is not { } reference) return null;
        var key = (reference, subject.Type);
        if (!owners.TryGetValue(key, out var owner))
        {
            owner = PatientKey(subject, resources) is { } patientKey ? patients.Find(patientKey) : null;
            owners[key] = owner;
        }
        return owner;
    }

    /// <summary>The patient a subject points to: the Patient entry it resolves to, else "Patient/id" or an opaque (urn) reference.</summary>
    private static string? PatientKey(ResourceReference? subject, ResourceSet resources)
    {
        var reference = subject?.Reference?.Trim();
        if (string.IsNullOrEmpty(reference) || reference.StartsWith('#')) return null;
        if (resources.Resolve(reference) is { } target) return target.Resource is Patient ? target.Reference : null;
        if (ResourceSet.TypeAndId(reference) is { } typeAndId) return typeAndId.StartsWith("Patient/", StringComparison.Ordinal) ? typeAndId : null;
        return subject!.Type is null or "Patient" ? reference : null;
    }

    // Ids and field names only: a display-only subject is usually the patient's name.
    private static string Describe(ResourceReference? subject) => subject switch
    {
        null => "no subject",
        { Reference: null or "" } => "subject has no reference",
        _ => $"subject {subject.Reference!.Trim()} is not in the file",
    };

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
