using MbcFhirEdu.Fhir.Grouping;

namespace MbcFhirEdu.Fhir.Input;

/// <summary>
/// Reads a FHIR R4 input — a Bundle of any type, a single resource, or NDJSON (FHIR Bulk Data: one resource per
/// line, recognised by the ".ndjson" extension or by a first line that is a complete JSON object followed by
/// another line) — through Firely's POCOs into one <see cref="Core.Clinical.PatientData"/> per patient. Every failure
/// is returned as a <see cref="FhirReadError"/>; nothing is thrown for bad input. An ".ndjson" input is streamed: its
/// length is not bounded, only its lines and resource count (see <see cref="InputReader"/>).
/// </summary>
public static class FhirInput
{
    /// <summary>Reads the file at <paramref name="path"/> and groups it by patient.</summary>
    public static FhirReadResult Read(string path, FhirReadLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var resources = ReadFile(path, limits ?? FhirReadLimits.Default);
        return resources.Succeeded ? PatientDataBuilder.Build(resources.Resources, path) : FhirReadResult.Failure(resources.Error);
    }

    /// <summary>
    /// Reads every .json and .ndjson file of <paramref name="folder"/> as one set and groups it by patient; files and
    /// lines that are not FHIR resources are skipped with a warning (see <see cref="FolderInput"/>).
    /// </summary>
    public static FhirReadResult ReadFolder(string folder, FhirReadLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var resources = FolderInput.Read(folder, limits ?? FhirReadLimits.Default);
        return resources.Succeeded ? PatientDataBuilder.Build(resources.Resources, folder) : FhirReadResult.Failure(resources.Error);
    }

    /// <summary>Reads <paramref name="stream"/>; <paramref name="sourceName"/> names it in messages (and ".ndjson" selects NDJSON).</summary>
    public static FhirReadResult Read(Stream stream, string sourceName, FhirReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        var set = new ResourceSet();
        var error = Read(stream, sourceName, limits ?? FhirReadLimits.Default, set, tolerant: false);
        return error is null ? PatientDataBuilder.Build(set, sourceName) : FhirReadResult.Failure(error);
    }

    /// <summary>Reads one file into <paramref name="set"/> (a Bundle entry by entry, see <see cref="InputReader"/>).</summary>
    internal static FhirReadError? ReadFile(string path, FileInfo file, FhirReadLimits limits, ResourceSet set, bool tolerant)
    {
        try
        {
            if (!file.Exists) return new FhirReadError(FhirReadErrorKind.Io, path, "file not found");
            using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            return Read(stream, path, limits, set, tolerant);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new FhirReadError(FhirReadErrorKind.Io, path, "cannot read the file: " + exception.GetType().Name);
        }
    }

    private static ResourceReadResult ReadFile(string path, FhirReadLimits limits)
    {
        var set = new ResourceSet();
        var error = ReadFile(path, new FileInfo(path), limits, set, tolerant: false);
        return error is null ? new ResourceReadResult(set, null) : new ResourceReadResult(null, error);
    }

    private static FhirReadError? Read(Stream stream, string sourceName, FhirReadLimits limits, ResourceSet set, bool tolerant)
    {
        try
        {
            return new InputReader(sourceName, limits, set, tolerant).Read(stream, IsNdjson(sourceName));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new FhirReadError(FhirReadErrorKind.Io, sourceName, "cannot read the input: " + exception.GetType().Name);
        }
    }

    private static bool IsNdjson(string name) => name.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);
}
