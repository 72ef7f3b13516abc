using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Infrastructure.ApiAuth;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Console;

/// <summary>
/// The console's way into the EHR: SMART Backend Services (system scopes, <see cref="BackendServicesTokenSource"/>, the
/// token source the outbox uses for server-to-server sends) against <c>Console:FhirBase</c> (else <c>Api:FhirBase</c>),
/// which must be allow-listed. The coordinator's Entra token is never sent to the EHR.
/// </summary>
internal sealed class ConsoleEhr(
    IOptions<ConsoleOptions> options, IOptions<ApiOptions> apiOptions, IssuerAllowList allowList, BackendServicesTokenSource backend)
{
    /// <summary>The Backend Services connection, or the reason there is none (a setting to fix).</summary>
    public (FhirConnection? Connection, string? Problem) Connect()
    {
        var configured = options.Value.FhirBase is { Length: > 0 } own ? own : apiOptions.Value.FhirBase;
        if (!allowList.TryGetIssuer(configured, out var fhirBase))
            return (null, "Console:FhirBase (or Api:FhirBase) is not set or is not one of Smart:AllowedIssuers.");
        if (!backend.IsConfigured)
            return (null, "SMART Backend Services is not configured (BackendServices:ClientId and key).");
        return (FhirConnection.ForBackend(fhirBase, backend), null);
    }

    /// <summary>Who console sends are recorded as (the Communication's sender), or null when neither setting names one.</summary>
    public string? Sender => options.Value.DeliverySender is { Length: > 0 } own ? own
        : apiOptions.Value.DeliverySender is { Length: > 0 } api ? api : null;
}
