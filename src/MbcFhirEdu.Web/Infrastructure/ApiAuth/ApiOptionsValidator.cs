using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Infrastructure.ApiAuth;

/// <summary>Start-up checks of the <c>Api</c> section, naming the key that is wrong.</summary>
internal sealed class ApiOptionsValidator(IConfiguration configuration) : IValidateOptions<ApiOptions>
{
    /// <summary>The keys of the hand-written JwtBearer set-up that Identity.Web (<c>Entra:Api</c>) replaced.</summary>
    private static readonly string[] RemovedKeys = ["Authority", "Audience", "Issuers", "JwksUrl"];

    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var problems = new List<string>();
        // Ignoring them would leave an upgraded installation with its API silently off (every call 401).
        foreach (var key in RemovedKeys.Where(k => configuration.GetSection($"{ApiOptions.SectionName}:{k}").Exists()))
            problems.Add($"Api:{key} is no longer read: the API's tokens are configured under Entra:Api (Instance, TenantId, ClientId, Audiences; docs/entra-id.md).");
        if (!string.IsNullOrWhiteSpace(options.FhirBase) && !Fhir.Smart.IssuerAllowList.TryNormalize(options.FhirBase, out _))
            problems.Add("Api:FhirBase must be an absolute https URL (http only on localhost) without query or fragment.");
        if (!string.IsNullOrEmpty(options.DeliverySender) && !Features.Api.ApiDeliveryRequest.SenderReference().IsMatch(options.DeliverySender))
            problems.Add("Api:DeliverySender must be a Practitioner or PractitionerRole reference, e.g. PractitionerRole/care-team.");
        foreach (var (client, i) in options.Clients.Select((c, i) => (c, i)))
        {
            if (string.IsNullOrWhiteSpace(client.ClientId)) problems.Add($"Api:Clients:{i}:ClientId is required.");
            else if (options.Clients.Count(c => c.ClientId == client.ClientId) > 1) problems.Add($"Api:Clients:{i}:ClientId '{client.ClientId}' is listed twice.");
            foreach (var sender in client.Senders.Where(s => !Features.Api.ApiDeliveryRequest.SenderReference().IsMatch(s)))
                problems.Add($"Api:Clients:{i}:Senders: '{sender}' is not a Practitioner or PractitionerRole reference.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
