namespace MbcFhirEdu.Web.Features.Audit;

/// <summary>
/// Audit actions of the server-to-server API. Their rows' actor is the API client id (the token's <c>azp</c>,
/// <c>appid</c> or <c>client_id</c>), not a fhirUser: the export names it by identifier, not by reference.
/// </summary>
public static class ApiAuditActions
{
    public const string Prefix = "api.";
    /// <summary><c>GET /api/v1/patients/{id}/recommendations</c> read the patient's record.</summary>
    public const string RecommendationsRead = "api.recommendations.read";
    /// <summary><c>GET /api/v1/patients/{id}/deliveries[/{deliveryId}]</c> read the patient's deliveries.</summary>
    public const string DeliveriesRead = "api.deliveries.read";
    /// <summary><c>POST /api/v1/patients/{id}/deliveries</c> recorded (or found, same key) a delivery, or refused it.</summary>
    public const string DeliveryCreate = "api.delivery.create";
    /// <summary>The outbox wrote an API delivery to the EHR with Backend Services (or the EHR refused it).</summary>
    public const string DeliverySend = "api.delivery.send";

    public static bool IsApi(string action) => action.StartsWith(Prefix, StringComparison.Ordinal);
}
