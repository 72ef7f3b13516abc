using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Fhir.Http;
using Microsoft.AspNetCore.DataProtection;

namespace MbcFhirEdu.Web.Features.Deliveries;

/// <summary>The FHIR connection (base and token source) to write one delivery with, or why there is none.</summary>
public sealed record DeliveryConnection(FhirConnection? Connection, string? Error, bool Permanent)
{
    public static DeliveryConnection Ready(FhirConnection connection) => new(connection, null, false);
    public static DeliveryConnection Unavailable(string error, bool permanent) => new(null, error, permanent);
}

/// <summary>
/// How the outbox worker gets a token for a delivery's write-back. The default
/// (<see cref="BackendDeliveryTokenSource"/>) uses the sender's stored SMART session (refreshed by <c>SmartTokenProvider</c>)
/// for coordinator sends and SMART Backend Services for <see cref="DeliveryTokenKind.BackendServices"/> (API sends).
/// </summary>
public interface IDeliveryTokenSource
{
    Task<DeliveryConnection> ConnectAsync(DeliveryRecord delivery, CancellationToken cancellationToken);
}

/// <summary>Uses the sender's token session (its id kept encrypted in the delivery row).</summary>
internal sealed class SessionDeliveryTokenSource(IDataProtectionProvider protection) : IDeliveryTokenSource
{
    private readonly IDataProtector _protector = protection.CreateProtector(DeliveryService.SessionIdPurpose);

    public Task<DeliveryConnection> ConnectAsync(DeliveryRecord delivery, CancellationToken cancellationToken)
    {
        if (delivery.TokenKind != DeliveryTokenKind.UserSession)
            return Task.FromResult(DeliveryConnection.Unavailable("SMART Backend Services are not configured for sending.", permanent: false));
        if (delivery.ProtectedTokenSessionId is null || !Uri.TryCreate(delivery.Issuer, UriKind.Absolute, out var issuer))
            return Task.FromResult(DeliveryConnection.Unavailable("The delivery has no sender session.", permanent: true));
        string sessionId;
        try { sessionId = _protector.Unprotect(delivery.ProtectedTokenSessionId); }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return Task.FromResult(DeliveryConnection.Unavailable("The sender's session can no longer be read.", permanent: true));
        }
        return Task.FromResult(DeliveryConnection.Ready(new FhirConnection(issuer, sessionId)));
    }
}
