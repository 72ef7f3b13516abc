using System.CommandLine;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Cli;

/// <summary><c>mbcedu profile FILE</c>: one JSON profile per patient (NDJSON when several).</summary>
public static class ProfileCommand
{
    public static Command Create(CliOutput io)
    {
        var file = new Argument<string>("file") { Description = "A FHIR Bundle (any type), a single resource, or NDJSON of resources" };
        var command = new Command("profile", "Print the clinical profile of each patient in a FHIR file") { file };
        command.SetAction(parse => Run(parse.GetValue(file)!, io));
        return command;
    }

    private static int Run(string path, CliOutput io)
    {
        if (!PatientFile.TryRead(path, io, out var patients)) return CliApp.Failed;
        foreach (var data in patients) io.Out.WriteLine(ProfileJson.Write(ProfileExtractor.Extract(data)));
        return CliApp.Ok;
    }
}

/// <summary>Reads a FHIR file into per-patient data, turning every read error into one line on stderr.</summary>
internal static class PatientFile
{
    public static bool TryRead(string path, CliOutput io, out IReadOnlyList<PatientData> patients)
    {
        patients = [];
        if (!File.Exists(path))
        {
            io.Error.WriteLine($"mbcedu: {path}: file not found");
            return false;
        }
        var result = FhirInput.Read(path);
        if (result.Error is { } error)
        {
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
        var where = error.Line is { } line
            ? error.Column is { } column ? $"{error.Source}:{line}:{column}" : $"{error.Source}:{line}"
            : error.Source;
        return $"{where}: {error.Message}";
    }
}
