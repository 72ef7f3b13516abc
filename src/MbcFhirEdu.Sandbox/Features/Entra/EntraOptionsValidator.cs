using MbcFhirEdu.Sandbox.Features.Auth;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace MbcFhirEdu.Sandbox.Features.Entra;

/// <summary>Checks <c>Sandbox:Entra</c> at start, naming the key of each problem.</summary>
internal sealed class EntraOptionsValidator : IValidateOptions<SandboxEntraOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxEntraOptions options)
    {
        var problems = new List<string>();
        const string key = SandboxEntraOptions.SectionName;
        foreach (var tenant in options.OtherTenantIds.Prepend(options.TenantId).Where(t => !string.IsNullOrEmpty(t)))
            if (!tenant!.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.')) problems.Add($"{key}: tenant id '{tenant}' may hold only letters, digits, '-' and '.'.");
        if (options.OtherTenantIds.Contains(options.TenantId ?? "")) problems.Add($"{key}:OtherTenantIds must not repeat TenantId.");
        foreach (var (label, user) in options.Users)
        {
            if (string.IsNullOrWhiteSpace(user.Oid)) problems.Add($"{key}:Users:{label}:Oid is required.");
            if (string.IsNullOrWhiteSpace(user.Username)) problems.Add($"{key}:Users:{label}:Username is required.");
        }
        foreach (var (label, user) in options.Users)
            if (options.Users.Count(u => u.Value.Oid == user.Oid) > 1) problems.Add($"{key}:Users:{label}:Oid '{user.Oid}' is used twice.");
        foreach (var (label, app) in options.Apps)
        {
            var at = $"{key}:Apps:{label}";
            if (string.IsNullOrWhiteSpace(app.ClientId)) problems.Add($"{at}:ClientId is required.");
            else if (options.Apps.Count(a => a.Value.ClientId == app.ClientId) > 1) problems.Add($"{at}:ClientId '{app.ClientId}' is registered twice.");
            if (app.ClientSecret is { Length: < 16 }) problems.Add($"{at}:ClientSecret needs at least 16 characters.");
            if (!string.IsNullOrWhiteSpace(app.Jwks))
            {
                try { if (new JsonWebKeySet(app.Jwks).GetSigningKeys().Count == 0) problems.Add($"{at}:Jwks holds no signing key."); }
                catch (ArgumentException) { problems.Add($"{at}:Jwks is not a JWKS (JSON with a 'keys' array)."); }
            }
            foreach (var uri in app.RedirectUris.Where(u => !UriPattern.IsValidPattern(u)))
                problems.Add($"{at}:RedirectUris: '{uri}' is not an absolute http(s) URL (a ':*' port is allowed only on loopback hosts).");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
