using System.Text.RegularExpressions;

namespace MbcFhirEdu.Web.Features.Console;

/// <summary>A patient search as typed: an MRN or a name (one of them), checked before anything is sent to the EHR.</summary>
public sealed partial record PatientQuery(string? Mrn, string? Name)
{
    /// <summary>The query, or the message saying what to change (null, null: nothing was typed).</summary>
    public static (PatientQuery? Query, string? Error) Parse(string? mrn, string? name)
    {
        mrn = mrn?.Trim();
        name = name is null ? null : Spaces().Replace(name.Trim(), " ");
        if (string.IsNullOrEmpty(mrn) && string.IsNullOrEmpty(name)) return (null, null);
        if (!string.IsNullOrEmpty(mrn) && !string.IsNullOrEmpty(name)) return (null, "Search by MRN or by name, not both at once.");
        if (!string.IsNullOrEmpty(mrn))
        {
            return MrnFormat().IsMatch(mrn)
                ? (new PatientQuery(mrn, null), null)
                : (null, "The MRN can have 1 to 64 letters, digits, '.', '-' or '_' (optionally after a system and '|').");
        }
        return NameFormat().IsMatch(name!)
            ? (new PatientQuery(null, name), null)
            : (null, $"The name needs 2 to {ConsolePatientSearch.MaxQueryLength} letters, spaces, hyphens or apostrophes.");
    }

    [GeneratedRegex(@"^([A-Za-z0-9:/._~%-]{1,200}\|)?[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex MrnFormat();

    [GeneratedRegex(@"^[\p{L}\p{M}' -]{2,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex NameFormat();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    public override string ToString() => "PatientQuery { (redacted) }";
}
