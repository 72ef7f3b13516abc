using MbcFhirEdu.Core.Clinical;

namespace MbcFhirEdu.Fhir.Mapping;

/// <summary>
/// Merges what a person's Patient records state (see <see cref="RecordMapper.Patient"/>) into one Core record.
/// </summary>
internal static class PatientMerge
{
    /// <summary>What one Patient record states; its languages are read only when no earlier record gave any.</summary>
    public readonly record struct Facts(Func<IReadOnlyList<LanguagePreference>> Languages, string? Gender, bool Deceased);

    /// <summary>
    /// One person's record from its Patient records (the reported one first; none when the file only references it).
    /// Languages and gender come from the first record that states them; deceased holds when any record says so
    /// (CODES.md rule 16: also when only one of two linked records does).
    /// </summary>
    public static PatientRecord Merge(string reference, IEnumerable<Facts> records)
    {
        IReadOnlyList<LanguagePreference>? languages = null;
        string? gender = null;
        var deceased = false;
        foreach (var record in records)
        {
            if (languages is null or { Count: 0 }) languages = record.Languages();
            gender ??= MapContext.Lower(record.Gender);
            deceased |= record.Deceased;
        }
        return new PatientRecord { Reference = reference, Gender = gender, Languages = languages ?? [], Deceased = deceased };
    }

    /// <summary>Patient.communication in document order; one without a language code is left out with a warning.</summary>
    public static List<LanguagePreference> Languages<T>(IReadOnlyList<T> communications, Func<T, string?> code, Func<T, bool> preferred, Action<string> warn)
    {
        var languages = new List<LanguagePreference>(communications.Count);
        foreach (var communication in communications)
        {
            if (code(communication) is { } language) languages.Add(new LanguagePreference(language, preferred(communication)));
            else warn("communication.language has no code; ignored");
        }
        return languages;
    }
}
