using MbcFhirEdu.Fhir.Grouping;

namespace MbcFhirEdu.Fhir.Input;

/// <summary>
/// Reads every .json and .ndjson file of a folder (not its subfolders) into one <see cref="ResourceSet"/>, in ordinal
/// order of the file names so the result does not depend on the file system (DESIGN.md, CLI contract). A file, or an
/// NDJSON line, that is not a FHIR resource or not JSON is skipped with a warning that names it (e.g. a Bulk Data
/// log.ndjson); a file that breaks a per-file limit is skipped too, so a bad file never loses what the others gave.
/// The folder as a whole is bounded by <see cref="FhirReadLimits.MaxFolderFiles"/>, <see cref="FhirReadLimits.MaxFolderBytes"/>
/// and <see cref="FhirReadLimits.MaxResources"/>; breaking one of those is an error.
/// </summary>
internal static class FolderInput
{
    public static ResourceReadResult Read(string folder, FhirReadLimits limits)
    {
        var directory = new DirectoryInfo(folder);
        if (!directory.Exists) return Failed(FhirReadErrorKind.Io, folder, "folder not found");
        var files = directory.EnumerateFiles()
            .Where(static f => f.Extension.Equals(".json", StringComparison.OrdinalIgnoreCase)
                || f.Extension.Equals(".ndjson", StringComparison.OrdinalIgnoreCase))
            .OrderBy(static f => f.Name, StringComparer.Ordinal)
            .ToList();
        if (files.Count > limits.MaxFolderFiles)
        {
            return Failed(FhirReadErrorKind.LimitExceeded, folder,
                $"the folder holds {files.Count:N0} .json/.ndjson files, more than {limits.MaxFolderFiles:N0} (limit FhirReadLimits.MaxFolderFiles)");
        }
        // NDJSON is streamed (see InputReader): only the .json files count against the folder's bytes.
        var total = files.Where(static f => !f.Extension.Equals(".ndjson", StringComparison.OrdinalIgnoreCase)).Sum(static f => f.Length);
        if (total > limits.MaxFolderBytes)
        {
            return Failed(FhirReadErrorKind.LimitExceeded, folder,
                $"the folder's .json files hold {total:N0} bytes, more than {FhirReadLimits.Bytes(limits.MaxFolderBytes)} (limit FhirReadLimits.MaxFolderBytes)");
        }

        var set = new ResourceSet();
        if (files.Count == 0) set.AddWarning($"{folder}: no .json or .ndjson files");
        foreach (var file in files)
        {
            // Named as the caller named the folder, so messages read like the command line that was typed.
            var path = Path.Combine(folder, file.Name);
            var before = set.Added;
            if (FhirInput.ReadFile(path, file, limits, set, tolerant: true) is not { } error) continue;
            if (error.Kind == FhirReadErrorKind.LimitExceeded && error.Message.Contains("FhirReadLimits.MaxResources", StringComparison.Ordinal))
            {
                return Failed(FhirReadErrorKind.LimitExceeded, folder,
                    $"the folder's files hold more than {limits.MaxResources:N0} resources (limit FhirReadLimits.MaxResources)");
            }
            // A file that is not JSON adds nothing (it is checked before it is read); NDJSON lines, and Bundle entries,
            // before a limit was hit are kept.
            var read = set.Added - before;
            set.AddWarning(read == 0
                ? $"{error}; the file was skipped"
                : $"{error}; the rest of the file was skipped ({read} resources before it were read)");
        }
        return new ResourceReadResult(set, null);
    }

    private static ResourceReadResult Failed(FhirReadErrorKind kind, string source, string message) =>
        new(null, new FhirReadError(kind, source, message));
}
