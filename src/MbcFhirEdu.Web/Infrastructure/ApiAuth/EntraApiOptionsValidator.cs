using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Infrastructure.ApiAuth;

/// <summary>Start-up checks of <c>Entra:Api</c> (Identity.Web itself would only fail at the first API call).</summary>
internal sealed class EntraApiOptionsValidator(IHostEnvironment environment) : IValidateOptions<EntraApiOptions>
{
    public ValidateOptionsResult Validate(string? name, EntraApiOptions options)
    {
        var problems = new List<string>();
        if (options.AllowWebApiToBeAuthorizedByACL) problems.Add("Entra:Api:AllowWebApiToBeAuthorizedByACL must be false: every API token must carry roles or scp.");
        // As for every other issuer here: http only on loopback (a sandbox on the same machine), or in Development.
        if (!options.RequireHttpsMetadata && !environment.IsDevelopment() && !IsLoopback(options.Instance))
            problems.Add("Entra:Api:RequireHttpsMetadata may be false only in Development or with a loopback Instance (a sandbox on this machine).");
        if (!options.IsConfigured) return Result(problems);
        if (string.IsNullOrWhiteSpace(options.TenantId)) problems.Add("Entra:Api:TenantId is required when Entra:Api:ClientId is set (the directory id, never 'common').");
        else if (options.TenantId is "common" or "organizations" or "consumers") problems.Add("Entra:Api:TenantId must be the directory id: the API accepts one tenant only.");
        if (!Uri.TryCreate(options.Instance, UriKind.Absolute, out var instance) || instance.Scheme is not ("https" or "http") || !options.Instance!.EndsWith('/'))
            problems.Add("Entra:Api:Instance must be an absolute URL ending in '/', e.g. https://login.microsoftonline.com/.");
        else if (instance.Scheme == "http" && options.RequireHttpsMetadata)
            problems.Add("Entra:Api:Instance is http: set Entra:Api:RequireHttpsMetadata to false (Development only) or use https.");
        return Result(problems);
    }

    private static bool IsLoopback(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;

    private static ValidateOptionsResult Result(List<string> problems) =>
        problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
}
