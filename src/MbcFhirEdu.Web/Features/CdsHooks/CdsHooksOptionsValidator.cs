using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using MbcFhirEdu.Web.Infrastructure;

namespace MbcFhirEdu.Web.Features.CdsHooks;

/// <summary>Checks what data annotations cannot: key sets parse, <c>jku</c> URLs and CORS origins are well formed.</summary>
internal sealed class CdsHooksOptionsValidator : IValidateOptions<CdsHooksOptions>
{
    public ValidateOptionsResult Validate(string? name, CdsHooksOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Clients.Count; i++)
        {
            var client = options.Clients[i];
            var at = $"CdsHooks:Clients:{i}";
            if (string.IsNullOrWhiteSpace(client.Issuer)) failures.Add($"{at}:Issuer is required.");
            if (string.IsNullOrWhiteSpace(client.Jwks) && client.AllowedJku.Count == 0)
                failures.Add($"{at} needs Jwks (a JWK Set) or AllowedJku (key set URLs).");
            if (client.Jwks is { Length: > 0 } jwks && !CdsKeys.TryParse(jwks, out _))
                failures.Add($"{at}:Jwks is not a JWK Set with at least one RSA or EC public key.");
            for (var j = 0; j < client.AllowedJku.Count; j++)
            {
                if (!CdsKeys.IsFetchableUrl(client.AllowedJku[j])) failures.Add($"{at}:AllowedJku:{j} must be an https URL (http only on localhost).");
            }
        }
        for (var i = 0; i < options.AllowedOrigins.Count; i++)
        {
            if (!WebOptionsValidator.IsSource(options.AllowedOrigins[i]) || options.AllowedOrigins[i].StartsWith('\''))
                failures.Add($"CdsHooks:AllowedOrigins:{i} must be an origin like https://ehr.example.org.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
