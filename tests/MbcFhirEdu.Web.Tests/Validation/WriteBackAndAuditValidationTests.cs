using System.Text;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using MbcFhirEdu.Web.Features.Deliveries;
using MbcFhirEdu.Fhir.WriteBack;
using MbcFhirEdu.Tests.Shared;
using MbcFhirEdu.Web.Features.Audit;
using MbcFhirEdu.Web.Tests.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests.Validation;

/// <summary>
/// The Communication the app writes into the EHR (a real send through the outbox to the sandbox, read back from what
/// the sandbox received) against MbcEducationDeliveryCommunication, and the AuditEvent export of that app's real audit
/// rows (launch reads, the request, the send) against base R4.
/// </summary>
public sealed class WriteBackAndAuditValidationTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    private const string CommunicationProfile = "http://mbcfhiredu.example.org/fhir/StructureDefinition/mbc-education-delivery-communication";

    [Fact]
    public async Task The_sent_Communication_and_the_exported_AuditEvents_are_valid()
    {
        await using var app = await DeliveryHarness.StartWithLaunchAsync(database);
        var created = await app.Deliveries.CreateAsync(app.Request(), Guid.NewGuid().ToString(), CancellationToken.None);
        Assert.Equal(DeliveryCreateStatus.Created, created.Status);
        await app.RunUntilSettledAsync(created.Delivery!.Id);

        var communication = Assert.IsType<Communication>(FirelyValidation.ReadStrictly(Assert.Single(app.Communications(created.Delivery.Id)).Json.GetRawText()));
        FirelyValidation.Shared.AssertValid(communication, "the sent Communication", CommunicationProfile);

        var events = await ExportAsync(app.Services.GetRequiredService<AuditEventExporter>());
        Assert.Contains(events, e => e.Action == AuditEvent.AuditEventAction.C);
        Assert.Contains(events, e => e.Action == AuditEvent.AuditEventAction.R);
        Assert.All(events, e => FirelyValidation.Shared.AssertValid(e, $"AuditEvent/{e.Id}"));
    }

    [Fact]
    public void A_Spanish_Communication_without_a_note_is_valid()
    {
        var communication = DeliveryCommunication.Build(new DeliveryContent(Guid.NewGuid(), "p1", "https://ehr.example.org/fhir/PractitionerRole/r9",
            "Cuando el cáncer llega a los huesos", "es", new Uri("https://edu.example.org/materials/es/bone-metastases"), null, DateTimeOffset.UtcNow));

        FirelyValidation.Shared.AssertValid(RoundTrip(communication), "Spanish Communication", CommunicationProfile);
    }

    [Fact]
    public void A_Communication_or_an_AuditEvent_without_a_required_element_is_refused()
    {
        var communication = RoundTrip(DeliveryCommunication.Build(new DeliveryContent(Guid.NewGuid(), "p1", "Practitioner/x",
            "Bone metastases", "en", new Uri("https://edu.example.org/materials/en/bone-metastases"), "Note", DateTimeOffset.UtcNow)));
        var noSender = (Communication)communication.DeepCopy();
        noSender.Sender = null; // profile: 1..1
        var noStatus = (Communication)communication.DeepCopy();
        noStatus.StatusElement = null!; // base R4: 1..1
        var audit = AuditEventExporter.ToAuditEvent(new MbcFhirEdu.Data.Entities.AuditRecord
        {
            Id = 7, Action = MbcFhirEdu.Data.Audit.AuditActions.PatientRead, Outcome = "success", Actor = "Practitioner/x", PatientId = "p1", Time = DateTimeOffset.UtcNow,
        });
        var noRecorded = (AuditEvent)audit.DeepCopy();
        noRecorded.RecordedElement = null!; // base R4: 1..1

        Assert.Empty(FirelyValidation.Shared.Errors(communication, CommunicationProfile));
        FirelyValidation.Shared.AssertRefused(noSender, "sender", CommunicationProfile);
        FirelyValidation.Shared.AssertRefused(noStatus, "status");
        Assert.Empty(FirelyValidation.Shared.Errors(audit));
        FirelyValidation.Shared.AssertRefused(noRecorded, "recorded");
    }

    // Validated as the EHR receives it: the bytes Firely writes, read back strictly.
    private static Communication RoundTrip(Communication communication) =>
        Assert.IsType<Communication>(FirelyValidation.ReadStrictly(Encoding.UTF8.GetString(FhirJsonOutput.SerializeToUtf8Bytes(communication))));

    private static async Task<List<AuditEvent>> ExportAsync(AuditEventExporter exporter)
    {
        using var ndjson = new MemoryStream();
        await exporter.WriteNdjsonAsync(ndjson, null, CancellationToken.None);
        return [.. Encoding.UTF8.GetString(ndjson.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => Assert.IsType<AuditEvent>(FirelyValidation.ReadStrictly(line)))];
    }
}
