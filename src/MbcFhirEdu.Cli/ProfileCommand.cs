using System.CommandLine;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Cli;

/// <summary><c>mbcedu profile FILE-OR-FOLDER [--pretty]</c>: one JSON profile per patient (NDJSON when several; indented with --pretty).</summary>
public static class ProfileCommand
{
    public static Command Create(CliOutput io)
    {
        var file = new Argument<string>("file") { Description = PatientFile.ArgumentDescription };
        var pretty = ProfileJson.PrettyOption();
        var command = new Command("profile", "Print the clinical profile of each patient in a FHIR file or folder") { file, pretty };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(pretty), io));
        return command;
    }

    private static int Run(string path, bool pretty, CliOutput io)
    {
        if (!PatientFile.TryRead(path, io, out var patients)) return CliApp.Failed;
        foreach (var data in patients) io.Out.WriteLine(ProfileJson.Write(ProfileExtractor.Extract(data), pretty));
        return CliApp.Ok;
    }
}

/// <summary>
/// Reads a FHIR file, or every .json/.ndjson file of a folder as one set, into per-patient data, turning every read
/// error into one line on stderr (naming the file, and the line and column where there is one).
/// </summary>
internal static class PatientFile
{
    public const string ArgumentDescription =
        "A FHIR Bundle (any type), a single resource, NDJSON of resources, or a folder of such files read as one set";

    public static bool TryRead(string path, CliOutput io, out IReadOnlyList<PatientData> patients)
    {
        patients = [];
        var folder = Directory.Exists(path);
        if (!folder && !File.Exists(path))
        {
            io.Error.WriteLine($"mbcedu: {path}: file not found");
            return false;
        }
        var result = folder ? FhirInput.ReadFolder(path) : FhirInput.Read(path);
        if (result.Error is { } error)
        {
            // Say why there is nothing (a skipped file, a server's OperationOutcome saved instead of data).
            foreach (var warning in result.Warnings) io.Error.WriteLine($"mbcedu: warning: {warning}");
            io.Error.WriteLine($"mbcedu: {Describe(error)}");
            return false;
        }
        if (result.Patients.Count == 0)
        {
            io.Error.WriteLine($"mbcedu: no patient data in {path}");
            return false;
        }
        patients = result.Patients;
        return true;
    }

    private static string Describe(FhirReadError error)
    {
        if (error.Kind == FhirReadErrorKind.NoPatientData) return error.Message; // the message names the file already
        var where = error.Line is { } line
            ? error.Column is { } column ? $"{error.Source}:{line}:{column}" : $"{error.Source}:{line}"
            : error.Source;
        return $"{where}: {error.Message}";
    }
}
