using System.Text;
using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Fhir.Model;
using MbcFhirEdu.Fhir.Serialization;
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
            await FhirJsonWriter.WriteAsync(output, ToAuditEvent(row), cancellationToken);
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
        var send = row.Action is AuditActions.DeliverySend or ApiAuditActions.DeliverySend or ApiAuditActions.DeliveryCreate or AuditActions.DeliveryRequest;
        var entities = new List<AuditEventEntity>();
        if (row.PatientId is { } patient)
        {
            entities.Add(new AuditEventEntity
            {
                What = new ResourceReference { Reference = PatientReference(row.Issuer, patient) },
                Type = new Coding { System = ObjectTypeSystem, Code = "1", Display = "Person" },
                Role = new Coding { System = ObjectRoleSystem, Code = "1", Display = "Patient" },
            });
        }
        if (send && row.EntityId is { } delivery)
        {
            entities.Add(new AuditEventEntity
            {
                What = new ResourceReference
                {
                    Type = "Communication",
                    Identifier = new Identifier { System = DeliveryCommunication.DeliveryIdSystem, Value = delivery },
                },
                Type = new Coding { System = ObjectTypeSystem, Code = "2", Display = "System Object" },
            });
        }
        return new AuditEvent
        {
            Id = "mbcedu-audit-" + row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Type = new Coding { System = AuditEventTypeSystem, Code = "rest", Display = "RESTful Operation" },
            Subtype = [send
                ? new Coding { System = RestfulInteractionSystem, Code = "create", Display = "create" }
                : row.Action == ApiAuditActions.DeliveriesRead
                    ? new Coding { System = RestfulInteractionSystem, Code = "search-type", Display = "search-type" }
                    : new Coding { System = RestfulInteractionSystem, Code = "read", Display = "read" }],
            Action = send ? "C" : "R",
            Recorded = row.Time.ToUniversalTime(),
            Outcome = row.Outcome == "success" ? "0" : "4",
            Agent =
            [
                new AuditEventAgent
                {
                    Who = Agent(row.Actor, api),
                    Requestor = true,
                },
            ],
            Source = new AuditEventSource { Observer = new ResourceReference { Display = ObserverDisplay } },
            Entity = entities,
        };
    }

    // A user is their fhirUser reference; an API client has no FHIR resource here, so it is named by its OAuth client id.
    private static ResourceReference Agent(string? actor, bool apiClient) => actor switch
    {
        null => new ResourceReference { Display = apiClient ? "unknown API client" : "unknown user" },
        _ when apiClient => new ResourceReference { Type = "Device", Identifier = new Identifier { System = ApiClientIdSystem, Value = actor } },
        _ => new ResourceReference { Reference = actor },
    };

    // Absolute when the FHIR base is known: the same patient id means different people at different EHRs.
    private static string PatientReference(string? issuer, string patientId) =>
        issuer is { Length: > 0 } ? new StringBuilder(issuer.TrimEnd('/')).Append("/Patient/").Append(patientId).ToString() : "Patient/" + patientId;
}
