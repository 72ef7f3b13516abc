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
/// actor's fhirUser reference, the entities are the Patient reference and our delivery identifier.
/// </summary>
internal sealed class AuditEventExporter(AuditLog log)
{
    public const string MediaType = "application/fhir+ndjson";
    public const string ObserverDisplay = "MbcFhirEdu";
    private const string AuditEventTypeSystem = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    private const string RestfulInteractionSystem = "http://hl7.org/fhir/restful-interaction";
    private const string ObjectTypeSystem = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    private const string ObjectRoleSystem = "http://terminology.hl7.org/CodeSystem/object-role";
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>Streams every row (recorded at or after <paramref name="since"/>, when given) to <paramref name="output"/>; returns the count.</summary>
    public async Task<int> WriteNdjsonAsync(Stream output, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var row in log.ReadAllAsync(since, cancellationToken))
        {
            await FhirJsonWriter.WriteAsync(output, ToAuditEvent(row), cancellationToken);
            await output.WriteAsync(NewLine, cancellationToken);
            // Flush per page-sized chunk is left to the stream; each line is complete once written.
            count++;
        }
        await output.FlushAsync(cancellationToken);
        return count;
    }

    public static AuditEvent ToAuditEvent(AuditRecord row)
    {
        var send = row.Action == AuditActions.DeliverySend;
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
                : new Coding { System = RestfulInteractionSystem, Code = "read", Display = "read" }],
            Action = send ? "C" : "R",
            Recorded = row.Time.ToUniversalTime(),
            Outcome = row.Outcome == "success" ? "0" : "4",
            Agent =
            [
                new AuditEventAgent
                {
                    Who = row.Actor is { } actor ? new ResourceReference { Reference = actor } : new ResourceReference { Display = "unknown user" },
                    Requestor = true,
                },
            ],
            Source = new AuditEventSource { Observer = new ResourceReference { Display = ObserverDisplay } },
            Entity = entities,
        };
    }

    // Absolute when the FHIR base is known: the same patient id means different people at different EHRs.
    private static string PatientReference(string? issuer, string patientId) =>
        issuer is { Length: > 0 } ? new StringBuilder(issuer.TrimEnd('/')).Append("/Patient/").Append(patientId).ToString() : "Patient/" + patientId;
}
