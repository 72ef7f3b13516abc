using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Console;

/// <summary>Start-up checks of <c>Entra:Console</c> (Identity.Web itself would only fail at the first sign-in).</summary>
internal sealed class EntraConsoleOptionsValidator(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<EntraConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, EntraConsoleOptions options)
    {
        if (!options.IsConfigured) return ValidateOptionsResult.Success;
        var problems = new List<string>();
        if (!Guid.TryParse(options.TenantId, out _))
            problems.Add("Entra:Console:TenantId must be the directory (tenant) id, a GUID: the console signs in one organisation's users only.");
        if (!Uri.TryCreate(options.Instance, UriKind.Absolute, out var instance) || instance.Scheme is not ("https" or "http") || !options.Instance!.EndsWith('/'))
            problems.Add("Entra:Console:Instance must be an absolute URL ending in '/', e.g. https://login.microsoftonline.com/.");
        else if (instance.Scheme == "http" && (options.RequireHttpsMetadata || !environment.IsDevelopment()))
            problems.Add("Entra:Console:Instance is http: use https (Entra:Console:RequireHttpsMetadata may be false only in Development).");
        // Identity.Web's certificate list is not part of these options: its presence is read from the same section.
        if (string.IsNullOrWhiteSpace(options.ClientSecret) && !configuration.GetSection(EntraConsoleOptions.SectionName + ":ClientCertificates").GetChildren().Any())
            problems.Add("Entra:Console needs ClientSecret or ClientCertificates to redeem the sign-in's code.");
        foreach (var (key, path) in new[] { ("CallbackPath", options.CallbackPath), ("SignedOutCallbackPath", options.SignedOutCallbackPath) })
        {
            if (!path.StartsWith(ConsoleEndpoints.Path + "/", StringComparison.Ordinal))
                problems.Add($"Entra:Console:{key} must be under {ConsoleEndpoints.Path}/ (the console's cookie is sent only there).");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
