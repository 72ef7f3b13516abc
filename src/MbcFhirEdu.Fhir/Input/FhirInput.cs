using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Grouping;
using MbcFhirEdu.Fhir.Resources;

namespace MbcFhirEdu.Fhir.Input;

/// <summary>
/// Reads a FHIR R4 input — a Bundle of any type, a single resource, or NDJSON (FHIR Bulk Data: one resource per
/// line, recognised by the ".ndjson" extension or by a first line that is a complete JSON object followed by
/// another line) — into one <see cref="PatientData"/> per patient. Every failure is returned as a
/// <see cref="FhirReadError"/>; nothing is thrown for bad input.
/// </summary>
public static class FhirInput
{
    /// <summary>Reads the file at <paramref name="path"/> and groups it by patient.</summary>
    public static FhirReadResult Read(string path, FhirReadLimits? limits = null)
    {
        var resources = ReadResources(path, limits);
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
        var resources = ReadResources(stream, sourceName, limits);
        return resources.Succeeded ? PatientDataBuilder.Build(resources.Resources, sourceName) : FhirReadResult.Failure(resources.Error);
    }

    /// <summary>Reads the file at <paramref name="path"/> into a de-duplicated <see cref="ResourceSet"/>, without grouping.</summary>
    public static ResourceReadResult ReadResources(string path, FhirReadLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        limits ??= FhirReadLimits.Default;
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists) return Failed(FhirReadErrorKind.Io, path, "file not found");
            if (file.Length > limits.MaxFileBytes)
            {
                return Failed(FhirReadErrorKind.LimitExceeded, path,
                    $"the file is {file.Length:N0} bytes, larger than {FhirReadLimits.Bytes(limits.MaxFileBytes)} (limit FhirReadLimits.MaxFileBytes)");
            }
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            return ReadResources(stream, path, limits);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Failed(FhirReadErrorKind.Io, path, "cannot read the file: " + exception.GetType().Name);
        }
    }

    /// <summary>Reads <paramref name="stream"/> into a de-duplicated <see cref="ResourceSet"/>, without grouping.</summary>
    public static ResourceReadResult ReadResources(Stream stream, string sourceName, FhirReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        limits ??= FhirReadLimits.Default;
        var set = new ResourceSet();
        try
        {
            var ndjson = sourceName.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);
            var error = new InputLoader(sourceName, limits, set).Load(stream, ndjson);
            return error is null ? new ResourceReadResult(set, null) : new ResourceReadResult(null, error);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Failed(FhirReadErrorKind.Io, sourceName, "cannot read the input: " + exception.GetType().Name);
        }
    }

    private static ResourceReadResult Failed(FhirReadErrorKind kind, string source, string message) =>
        new(null, new FhirReadError(kind, source, message));
}
