using System.Text.RegularExpressions;
using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Data.Deliveries;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Features.Audit;
using MbcFhirEdu.Web.Features.Deliveries;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Infrastructure.ApiAuth;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Api;

/// <summary>
/// Deliveries through the server-to-server API. <c>POST /api/v1/patients/{id}/deliveries</c> (Education.Send) records
/// one material for the patient under the caller's <c>Idempotency-Key</c> (first time 201 + Location, the same key and
/// body again 200 with the same delivery, the same key with another body 422) and leaves the EHR write to the outbox,
/// which uses SMART Backend Services for it. <c>GET</c> of the list or of one delivery (Education.Read) shows status,
/// times and whether the patient opened it. Every call writes an audit row whose actor is the caller (<see cref="ApiCaller.Actor"/>).
/// </summary>
internal static partial class ApiDeliveryEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    // Visible ASCII except '"' and '\' (an RFC 8941 sf-string's content; surrounding quotes are accepted and removed).
    [GeneratedRegex(@"^[!#-\[\]-~]{1,200}$")]
    private static partial Regex IdempotencyKey();

    public static RouteGroupBuilder MapApiDeliveries(this RouteGroupBuilder v1)
    {
        v1.MapPost("/patients/{id}/deliveries", CreateAsync).RequireAuthorization(ApiRoles.SendPolicy);
        v1.MapGet("/patients/{id}/deliveries", ListAsync).RequireAuthorization(ApiRoles.ReadPolicy);
        v1.MapGet("/patients/{id}/deliveries/{deliveryId}", GetAsync).RequireAuthorization(ApiRoles.ReadPolicy);
        return v1;
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, string id, IOptions<ApiOptions> apiOptions, IssuerAllowList allowList, BackendServicesTokenSource backend,
        MaterialLibrary library, DeliveryService deliveries, DeceasedCheck deceased, AuditLog audit, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        if (!ApiEndpoints.IsFhirId(id)) return ApiProblem.Of(400, "invalid_patient_id", "The patient id is not a valid FHIR id (1-64 of A-Z, a-z, 0-9, '-' and '.').", "id");
        if (ParseKey(context.Request.Headers[IdempotencyKeyHeader]) is not { } key)
            return ApiProblem.Of(400, "invalid_idempotency_key",
                $"The {IdempotencyKeyHeader} header is required: 1 to {DeliveryService.MaxIdempotencyKeyLength} visible ASCII characters (no quotes, backslashes or spaces), e.g. a UUID.",
                IdempotencyKeyHeader);
        if (!IsJson(context.Request.ContentType)) return ApiProblem.Of(415, "unsupported_media_type", "Send the body as application/json.", "Content-Type");
        var body = await ReadBoundedAsync(context.Request, cancellationToken);
        if (body is null) return ApiProblem.Of(413, "body_too_large", $"The body is larger than {ApiDeliveryRequest.MaxBodyBytes} bytes.", "body");
        var (request, field, error) = ApiDeliveryRequest.Parse(body);
        if (request is null) return ApiProblem.Of(400, "invalid_body", error!, field);

        if (library.Catalog.Find(request.MaterialId, request.Language) is null)
            return ApiProblem.Of(400, "unknown_material", $"There is no material '{request.MaterialId}' in language '{request.Language}'.", "materialId");
        if (ApiCaller.ClientId(context.User) is not { } client)
            return ApiProblem.Of(403, "unknown_client", "The token names no client (azp, appid or client_id claim).");
        var (sender, refused) = ApiSenders.Resolve(apiOptions.Value, client, request.Sender);
        if (sender is null) return refused!;
        if (!allowList.TryGetIssuer(apiOptions.Value.FhirBase, out var fhirBase))
            return ApiProblem.Of(503, "not_configured", "Api:FhirBase is not set or is not one of Smart:AllowedIssuers.");
        if (!backend.IsConfigured)
            return ApiProblem.Of(503, "not_configured", "SMART Backend Services is not configured (BackendServices:ClientId and key).");

        var logger = logs.CreateLogger("MbcFhirEdu.Web.Features.Api");
        // CODES.md rule 16: nothing is sent to someone the record shows has died; the refusal is audited like any send.
        if (await deceased.IsDeceasedAsync(FhirConnection.ForBackend(fhirBase, backend), id, cancellationToken))
        {
            await audit.TryWriteAsync(new AuditEntry(ApiAuditActions.DeliveryCreate, false, ApiCaller.Actor(context.User), fhirBase.AbsoluteUri, id), logger, cancellationToken);
            return ApiProblem.Of(409, "patient_deceased", DeceasedCheck.Refusal, title: "The patient has died");
        }
        var outcome = await deliveries.CreateAsync(new DeliveryRequest(fhirBase, client, id, sender, request.MaterialId, request.Language, request.Note,
            DeliveryTokenKind.BackendServices, SessionId: null), key, cancellationToken);
        var conflict = outcome.Status == DeliveryCreateStatus.KeyConflict
            || (outcome.Status == DeliveryCreateStatus.Existing && outcome.Delivery!.Sender != sender);
        await audit.TryWriteAsync(new AuditEntry(ApiAuditActions.DeliveryCreate, !conflict && outcome.Status != DeliveryCreateStatus.Invalid,
            ApiCaller.Actor(context.User), fhirBase.AbsoluteUri, id, outcome.Delivery?.Id.ToString("D")), logger, cancellationToken);

        if (conflict)
            return ApiProblem.Of(422, "idempotency_key_reused",
                $"This {IdempotencyKeyHeader} was already used for a different delivery (another patient, material, language, note or sender). Use a new key for a new delivery.",
                IdempotencyKeyHeader);
        if (outcome.Status == DeliveryCreateStatus.Invalid) return ApiProblem.Of(400, "invalid_delivery", outcome.Error ?? "The delivery is not valid.");
        var delivery = outcome.Delivery!;
        var location = Location(id, delivery.Id);
        if (outcome.Status == DeliveryCreateStatus.Existing)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
            context.Response.Headers.Location = location;
            return TypedResults.Ok(DeliveryResponse.From(delivery));
        }
        return TypedResults.Created(location, DeliveryResponse.From(delivery));
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, string id, IOptions<ApiOptions> apiOptions, IssuerAllowList allowList, DeliveryService deliveries, AuditLog audit,
        ILoggerFactory logs, CancellationToken cancellationToken)
    {
        if (!ApiEndpoints.IsFhirId(id)) return ApiProblem.Of(400, "invalid_patient_id", "The patient id is not a valid FHIR id (1-64 of A-Z, a-z, 0-9, '-' and '.').", "id");
        if (!allowList.TryGetIssuer(apiOptions.Value.FhirBase, out var fhirBase))
            return ApiProblem.Of(503, "not_configured", "Api:FhirBase is not set or is not one of Smart:AllowedIssuers.");
        var list = await deliveries.ListAsync(fhirBase, id, cancellationToken);
        await audit.TryWriteAsync(new AuditEntry(ApiAuditActions.DeliveriesRead, true, ApiCaller.Actor(context.User), fhirBase.AbsoluteUri, id),
            logs.CreateLogger("MbcFhirEdu.Web.Features.Api"), cancellationToken);
        return TypedResults.Ok(new DeliveryListResponse(id, [.. list.Select(DeliveryResponse.From)], DeliveryStore.MaxListed));
    }

    private static async Task<IResult> GetAsync(
        HttpContext context, string id, string deliveryId, IOptions<ApiOptions> apiOptions, IssuerAllowList allowList, DeliveryStore store,
        AuditLog audit, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        if (!ApiEndpoints.IsFhirId(id)) return ApiProblem.Of(400, "invalid_patient_id", "The patient id is not a valid FHIR id (1-64 of A-Z, a-z, 0-9, '-' and '.').", "id");
        if (!Guid.TryParseExact(deliveryId, "D", out var guid)) return ApiProblem.Of(400, "invalid_delivery_id", "The delivery id is not a UUID.", "deliveryId");
        if (!allowList.TryGetIssuer(apiOptions.Value.FhirBase, out var fhirBase))
            return ApiProblem.Of(503, "not_configured", "Api:FhirBase is not set or is not one of Smart:AllowedIssuers.");
        var delivery = await store.GetAsync(guid, cancellationToken);
        // Another patient's (or another EHR's) delivery is answered like a missing one.
        var found = delivery is not null && delivery.PatientId == id && delivery.Issuer == fhirBase.AbsoluteUri;
        await audit.TryWriteAsync(new AuditEntry(ApiAuditActions.DeliveriesRead, found, ApiCaller.Actor(context.User), fhirBase.AbsoluteUri, id,
            found ? delivery!.Id.ToString("D") : null), logs.CreateLogger("MbcFhirEdu.Web.Features.Api"), cancellationToken);
        return found ? TypedResults.Ok(DeliveryResponse.From(delivery!)) : ApiProblem.Of(404, "delivery_not_found", "This patient has no delivery with that id.", "deliveryId");
    }

    private static string Location(string patientId, Guid deliveryId) => $"/api/v1/patients/{patientId}/deliveries/{deliveryId:D}";

    private static string? ParseKey(string? header)
    {
        if (header is null) return null;
        var key = header.Length >= 2 && header[0] == '"' && header[^1] == '"' ? header[1..^1] : header;
        return IdempotencyKey().IsMatch(key) ? key : null;
    }

    private static bool IsJson(string? contentType) =>
        System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType is "application/json" or "application/fhir+json"
        && (media.CharSet is null || media.CharSet.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > ApiDeliveryRequest.MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > ApiDeliveryRequest.MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
