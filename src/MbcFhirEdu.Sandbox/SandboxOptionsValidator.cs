using System.Text.Json;
using MbcFhirEdu.Sandbox.Features.Auth;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Sandbox;

/// <summary>Checks the client registrations, naming the configuration key of each problem.</summary>
internal sealed class SandboxOptionsValidator : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        var problems = new List<string>();
        if (options.DefaultPageSize > options.MaxPageSize)
            problems.Add("Sandbox:DefaultPageSize must not exceed Sandbox:MaxPageSize.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Clients.Count; i++)
        {
            var client = options.Clients[i];
            var key = $"Sandbox:Clients:{i}";
            if (string.IsNullOrWhiteSpace(client.ClientId)) problems.Add($"{key}:ClientId is required.");
            else if (!seen.Add(client.ClientId)) problems.Add($"{key}:ClientId '{client.ClientId}' is registered twice.");
            ValidateType(client, key, problems);
            foreach (var uri in client.RedirectUris.Concat(client.LaunchUris))
                if (!UriPattern.IsValidPattern(uri)) problems.Add($"{key}: '{uri}' is not an absolute http(s) URL (a ':*' port is allowed only on loopback hosts).");
            if (client.Scopes.Count == 0) problems.Add($"{key}:Scopes must list at least one scope.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void ValidateType(SandboxClientOptions client, string key, List<string> problems)
    {
        switch (client.Type)
        {
            case SandboxClientType.Public when !string.IsNullOrEmpty(client.ClientSecret):
                problems.Add($"{key}:ClientSecret must be empty for a Public client.");
                break;
            case SandboxClientType.ConfidentialSymmetric when (client.ClientSecret?.Length ?? 0) < 16:
                problems.Add($"{key}:ClientSecret needs at least 16 characters for a ConfidentialSymmetric client.");
                break;
            case SandboxClientType.ConfidentialAsymmetric when !string.IsNullOrWhiteSpace(client.JwksUrl):
                if (!Uri.TryCreate(client.JwksUrl, UriKind.Absolute, out var jwksUrl) || jwksUrl.Scheme is not ("http" or "https"))
                    problems.Add($"{key}:JwksUrl must be an absolute http(s) URL.");
                break;
            case SandboxClientType.ConfidentialAsymmetric:
                try
                {
                    if (ClientJwks.Load(client).GetSigningKeys().Count == 0) problems.Add($"{key}:Jwks holds no signing key.");
                }
                catch (Exception ex) when (ex is JsonException or ArgumentException or IOException or InvalidOperationException)
                {
                    problems.Add($"{key}:Jwks/JwksFile is not a readable JWKS ({ex.GetType().Name}).");
                }
                break;
        }
        if (client.Type != SandboxClientType.ConfidentialAsymmetric && client.RedirectUris.Count == 0)
            problems.Add($"{key}:RedirectUris must list at least one URI.");
    }
}
