using System.CommandLine;

namespace MbcFhirEdu.Cli;

/// <summary>
/// The <c>mbcedu</c> command line (DESIGN.md "Command-line contract"). Exit codes: 0 ok, 1 bad input or a failed
/// check (one clear line per problem on stderr), 2 usage.
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var io = new CliOutput(stdout, stderr);
        var root = new RootCommand("mbcedu: clinical profiles and education materials for metastatic breast cancer");
        root.Subcommands.Add(ProfileCommand.Create(io));
        root.Subcommands.Add(RecommendCommand.Create(io));
        root.Subcommands.Add(ContentCommands.Create(io));
        root.Subcommands.Add(PopulationCommand.Create(io));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) stderr.WriteLine($"mbcedu: {error.Message}");
            stderr.WriteLine("Run 'mbcedu --help' for usage.");
            return Usage;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Files that vanish or cannot be read mid-run: a clear line, never a stack trace.
            stderr.WriteLine($"mbcedu: {ex.Message}");
            return Failed;
        }
    }
}

/// <summary>Where the commands write; tests pass their own writers.</summary>
public sealed record CliOutput(TextWriter Out, TextWriter Error);
