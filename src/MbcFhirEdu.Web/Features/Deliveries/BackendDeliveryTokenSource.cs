using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Smart;

namespace MbcFhirEdu.Web.Features.Deliveries;

/// <summary>
/// The outbox worker's token source: deliveries made through the server-to-server API
/// (<see cref="DeliveryTokenKind.BackendServices"/>) are written with a SMART Backend Services token for their FHIR base
/// (client_credentials + private_key_jwt, cached per base by <see cref="BackendServicesTokenSource"/>), never with a
/// user's session; coordinator deliveries use the sender's stored session (<see cref="SessionDeliveryTokenSource"/>).
/// The base must still be on the issuer allow-list when the row is sent.
/// </summary>
internal sealed class BackendDeliveryTokenSource(SessionDeliveryTokenSource sessions, IssuerAllowList allowList, IServiceProvider services)
    : IDeliveryTokenSource
{
    public Task<DeliveryConnection> ConnectAsync(DeliveryRecord delivery, CancellationToken cancellationToken)
    {
        if (delivery.TokenKind != DeliveryTokenKind.BackendServices) return sessions.ConnectAsync(delivery, cancellationToken);
        // Resolved per send: the Backend Services client is registered by the API feature, which a host may leave out.
        var backend = services.GetService<BackendServicesTokenSource>();
        if (backend is not { IsConfigured: true })
            return Task.FromResult(DeliveryConnection.Unavailable("SMART Backend Services is not configured (BackendServices:ClientId and key).", permanent: false));
        if (!allowList.TryGetIssuer(delivery.Issuer, out var fhirBase))
            return Task.FromResult(DeliveryConnection.Unavailable("The delivery's FHIR server is no longer one of Smart:AllowedIssuers.", permanent: true));
        return Task.FromResult(DeliveryConnection.Ready(FhirConnection.ForBackend(fhirBase, backend)));
    }
}
