using System.Text;
using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Data.Entities;
using Hl7.Fhir.Model;
using MbcFhirEdu.Fhir.WriteBack;

namespace MbcFhirEdu.Web.Features.Audit;

/// <summary>
/// Writes the audit log as FHIR R4 AuditEvent NDJSON (one resource per line, <c>application/fhir+ndjson</c>), streamed
/// page by page from the database so memory stays bounded however long the log is. Ids only: the agent is the
/// actor's fhirUser reference (or, for API calls, the API client's id as an identifier), the entities are the Patient
/// reference and our delivery identifier.
/// </summary>
internal sealed class AuditEventExporter(AuditLog log)
{
    public const string MediaType = "application/fhir+ndjson";
    public const string ObserverDisplay = "MbcFhirEdu";
    private const string AuditEventTypeSystem = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    private const string RestfulInteractionSystem = "http://hl7.org/fhir/restful-interaction";
    private const string ObjectTypeSystem = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    private const string ObjectRoleSystem = "http://terminology.hl7.org/CodeSystem/object-role";
    /// <summary>The identifier system of an API client id (the OAuth <c>client_id</c> the token was issued to).</summary>
    public const string ApiClientIdSystem = "http://mbcfhiredu.example.org/fhir/sid/oauth-client-id";
    /// <summary>The identifier system of a console user: the Entra ID object id (<c>oid</c>).</summary>
    public const string EntraObjectIdSystem = "http://mbcfhiredu.example.org/fhir/sid/entra-oid";
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>Streams every row (recorded at or after <paramref name="since"/>, when given) to <paramref name="output"/>; returns the count.</summary>
    public async Task<int> WriteNdjsonAsync(Stream output, DateTimeOffset? since, CancellationToken cancellationToken) =>
        (await WriteNdjsonAsync(output, since, afterId: 0, limit: int.MaxValue, cancellationToken)).Count;

    /// <summary>
    /// Streams at most <paramref name="limit"/> rows with an id above <paramref name="afterId"/> (and recorded at or after
    /// <paramref name="since"/>); returns how many were written and the last row's id (the cursor of the next page).
    /// </summary>
    public async Task<(int Count, long LastId)> WriteNdjsonAsync(Stream output, DateTimeOffset? since, long afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var count = 0;
        var last = afterId;
        await foreach (var row in log.ReadAllAsync(since, cancellationToken, pageSize: Math.Min(limit, 500), afterId: afterId))
        {
            await FhirJsonOutput.WriteAsync(output, ToAuditEvent(row), cancellationToken);
            await output.WriteAsync(NewLine, cancellationToken);
            last = row.Id;
            if (++count >= limit) break;
        }
        await output.FlushAsync(cancellationToken);
        return (count, last);
    }

    public static AuditEvent ToAuditEvent(AuditRecord row)
    {
        var api = ApiAuditActions.IsApi(row.Action);
        var send = row.Action is AuditActions.DeliverySend or ApiAuditActions.DeliverySend or ApiAuditActions.DeliveryCreate or AuditActions.DeliveryRequest
            or Console.ConsoleAuditActions.DeliveryRequest;
        var entities = new List<AuditEvent.EntityComponent>();
        if (row.PatientId is { } patient)
        {
            entities.Add(new AuditEvent.EntityComponent
            {
                What = new ResourceReference(PatientReference(row.Issuer, patient)),
                Type = new Coding(ObjectTypeSystem, "1", "Person"),
                Role = new Coding(ObjectRoleSystem, "1", "Patient"),
            });
        }
        if (send && row.EntityId is { } delivery)
        {
            entities.Add(new AuditEvent.EntityComponent
            {
                What = new ResourceReference { Type = "Communication", Identifier = new Identifier(DeliveryCommunication.DeliveryIdSystem, delivery) },
                Type = new Coding(ObjectTypeSystem, "2", "System Object"),
            });
        }
        var interaction = send ? "create" : row.Action == ApiAuditActions.DeliveriesRead ? "search-type" : "read";
        return new AuditEvent
        {
            Id = "mbcedu-audit-" + row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Type = new Coding(AuditEventTypeSystem, "rest", "RESTful Operation"),
            Subtype = [new Coding(RestfulInteractionSystem, interaction, interaction)],
            Action = send ? AuditEvent.AuditEventAction.C : AuditEvent.AuditEventAction.R,
            Recorded = row.Time.ToUniversalTime(),
            Outcome = row.Outcome == "success" ? AuditEvent.AuditEventOutcome.N0 : AuditEvent.AuditEventOutcome.N4,
            Agent = [new AuditEvent.AgentComponent { Who = Console.ConsoleAuditActions.IsConsole(row.Action) ? ConsoleAgent(row.Actor) : Agent(row.Actor, api), Requestor = true }],
            Source = new AuditEvent.SourceComponent { Observer = new ResourceReference { Display = ObserverDisplay } },
            Entity = entities,
        };
    }

    // A user is their fhirUser reference; an API client has no FHIR resource here, so it is named by its OAuth client id.
    private static ResourceReference Agent(string? actor, bool apiClient) => actor switch
    {
        null => new ResourceReference { Display = apiClient ? "unknown API client" : "unknown user" },
        _ when apiClient => new ResourceReference { Type = "Device", Identifier = new Identifier(ApiClientIdSystem, actor) },
        _ => new ResourceReference(actor),
    };

    // A console user has no FHIR resource here either: named by their Entra ID object id.
    private static ResourceReference ConsoleAgent(string? oid) => oid is null
        ? new ResourceReference { Display = "unknown console user" }
        : new ResourceReference { Type = "Practitioner", Identifier = new Identifier(EntraObjectIdSystem, oid) };

    // Absolute when the FHIR base is known: the same patient id means different people at different EHRs.
    private static string PatientReference(string? issuer, string patientId) =>
        issuer is { Length: > 0 } ? new StringBuilder(issuer.TrimEnd('/')).Append("/Patient/").Append(patientId).ToString() : "Patient/" + patientId;
}
