using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Infrastructure;

/// <summary>
/// Invalid or missing settings end the process with exit code 1 and one line per problem on stderr, instead of an
/// unhandled <see cref="OptionsValidationException"/> (exit 134 and a stack trace). Runs every <c>ValidateOnStart</c>
/// check (the host's own <see cref="IStartupValidator"/>) before the request pipeline reads any option.
/// </summary>
internal static partial class StartupProblems
{
    /// <summary>Null when every setting is valid; otherwise the exit code, after writing the problems to <paramref name="error"/>.</summary>
    public static int? Report(WebApplication app, TextWriter? error = null)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
            return null;
        }
        // An in-process test host (TestServer) keeps the exception, so a test sees which setting failed.
        catch (Exception e) when (Lines(e).Count > 0 && !InProcessTestHost(app.Services))
        {
            error ??= Console.Error;
            foreach (var line in Lines(e)) error.WriteLine(line);
            error.Flush();
            return 1;
        }
    }

    /// <summary>Each validation failure on one line; two failures about the same key give one line.</summary>
    public static IReadOnlyList<string> Lines(Exception exception)
    {
        var failures = exception switch
        {
            OptionsValidationException single => single.Failures,
            AggregateException many when many.InnerExceptions.All(i => i is OptionsValidationException) =>
                many.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures),
            _ => [],
        };
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lines = new List<string>();
        foreach (var failure in failures.Select(f => NameTheKey(f.ReplaceLineEndings(" ").Trim())).Where(f => f.Length > 0))
        {
            if (LeadingKey().Match(failure) is { Success: true } key && !keys.Add(key.Value)) continue;
            if (!lines.Contains(failure, StringComparer.Ordinal)) lines.Add(failure);
        }
        return lines;
    }

    /// <summary>
    /// "DataAnnotation validation failed for 'SmartClientOptions' members: 'ClientId' with the error: '…'" becomes
    /// "Smart:ClientId: …" (the section from the options type's <c>SectionName</c>), unless the error names its key itself.
    /// </summary>
    private static string NameTheKey(string failure)
    {
        var match = DataAnnotation().Match(failure);
        if (!match.Success) return failure;
        var error = match.Groups["error"].Value;
        if (LeadingKey().IsMatch(error)) return error;
        var section = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("MbcFhirEdu.", StringComparison.Ordinal) == true)
            .SelectMany(a => a.GetTypes())
            .Where(t => t.Name == match.Groups["type"].Value)
            .Select(t => t.GetField("SectionName")?.GetRawConstantValue() as string)
            .FirstOrDefault(s => s is not null);
        return section is null ? failure : $"{section}:{match.Groups["member"].Value}: {error}";
    }

    private static bool InProcessTestHost(IServiceProvider services) =>
        services.GetService<IServer>()?.GetType().Namespace == "Microsoft.AspNetCore.TestHost";

    [GeneratedRegex(@"^DataAnnotation validation failed for '(?<type>\w+)' members: '(?<member>\w+)' with the error: '(?<error>.*)'\.$", RegexOptions.CultureInvariant)]
    private static partial Regex DataAnnotation();

    [GeneratedRegex(@"^[A-Za-z]+(:[A-Za-z0-9]+)+(?=[\s:])", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingKey();
}
