namespace MbcFhirEdu.Core.Clinical;

/// <summary>
/// Phrases the FHIR reader puts in <see cref="PatientData.ReadWarnings"/> that other parts act on, kept in one place so
/// the reader and its readers cannot drift apart.
/// </summary>
public static class ReadMarkers
{
    /// <summary>In every warning about a searchset cut at its first page (CODES.md rule 20).</summary>
    public const string LongerSearch = "page 1 of a longer search";

    /// <summary>True when the data came from a searchset that holds only part of its search: the record is partial.</summary>
    public static bool FromPartialSearch(PatientData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.ReadWarnings.Any(w => w.Contains(LongerSearch, StringComparison.Ordinal));
    }
}
