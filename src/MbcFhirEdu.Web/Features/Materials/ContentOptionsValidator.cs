using MbcFhirEdu.Core.Materials;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Materials;

/// <summary>
/// Start-up check of <c>Content:LocalRoot</c>: the folder exists, and the built-in library with the local one laid over
/// it passes <c>mbcedu content check</c>'s rules (all but the seed-copy rule, which needs the seed texts). Each problem is
/// one failure line naming the file, line and field, so a bad local file stops start-up with a line that says which.
/// </summary>
internal sealed class ContentOptionsValidator(IOptions<WebOptions> web) : IValidateOptions<ContentOptions>
{
    public ValidateOptionsResult Validate(string? name, ContentOptions options)
    {
        if (options.LocalRoot is not { Length: > 0 } local) return ValidateOptionsResult.Success;
        if (!Directory.Exists(local)) return ValidateOptionsResult.Fail($"{ContentOptions.SectionName}:LocalRoot names a folder that does not exist.");
        var builtIn = MaterialLibrary.BuiltInRoot(web.Value);
        // A missing built-in library is MaterialLibrary's (and the readiness check's) to report.
        if (!Directory.Exists(builtIn)) return ValidateOptionsResult.Success;
        var problems = ContentChecker.Check(builtIn, seeds: null, local);
        // The problem first: a line that starts with the file, not the key, so each problem keeps its own line.
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => $"{p} ({ContentOptions.SectionName}:LocalRoot)"));
    }
}
