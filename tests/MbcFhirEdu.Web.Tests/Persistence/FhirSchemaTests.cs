using System.Text;
using System.Text.Json;
using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Fhir.WriteBack;
using MbcFhirEdu.Tests.Shared;
using MbcFhirEdu.Web.Features.Audit;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests.Persistence;

/// <summary>
/// The Communication we write back and the AuditEvents we export, checked against the official FHIR R4 JSON schema
/// with tests/tools/validate-fhir.mjs (as the profile tests do). The audit export is read back line by line.
/// </summary>
public sealed class FhirSchemaTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    [Fact]
    public async Task The_Communication_and_the_exported_AuditEvents_are_valid_R4()
    {
        var deliveryId = Guid.NewGuid();
        var communication = DeliveryCommunication.Build(new DeliveryContent(deliveryId, "de-novo-bone-pik3ca", "Practitioner/onc-halloway",
            "When breast cancer spreads to the bones", "en", new Uri("https://edu.example.org/materials/en/bone-metastases"),
            "Bring your questions to the next visit.", DateTimeOffset.Parse("2026-11-22T10:05:00Z", System.Globalization.CultureInfo.InvariantCulture)));
        var spanish = DeliveryCommunication.Build(new DeliveryContent(Guid.NewGuid(), "p1", "https://ehr.example.org/fhir/PractitionerRole/r9",
            "Cuando el cáncer llega a los huesos", "es", new Uri("https://edu.example.org/materials/es/bone-metastases"), null, DateTimeOffset.UtcNow));

        var log = new AuditLog(database.CreateFactory(), TimeProvider.System);
        await log.WriteAsync(new AuditEntry(AuditActions.PatientRead, true, "Practitioner/onc-halloway", "http://localhost/sandbox/fhir", "de-novo-bone-pik3ca"), CancellationToken.None);
        await log.WriteAsync(new AuditEntry(AuditActions.PatientRead, false, null, null, "p2"), CancellationToken.None);
        await log.WriteAsync(new AuditEntry(AuditActions.DeliverySend, true, "Practitioner/onc-halloway", "http://localhost/sandbox/fhir", "de-novo-bone-pik3ca",
            deliveryId.ToString("D")), CancellationToken.None);
        // The coordinator's request (a create, before the EHR write) and the patient's view (a read).
        await log.WriteAsync(new AuditEntry(AuditActions.DeliveryRequest, true, "Practitioner/onc-halloway", "http://localhost/sandbox/fhir", "de-novo-bone-pik3ca",
            deliveryId.ToString("D")), CancellationToken.None);
        await log.WriteAsync(new AuditEntry(AuditActions.DeliveryView, true, "Patient/de-novo-bone-pik3ca", "http://localhost/sandbox/fhir", "de-novo-bone-pik3ca",
            deliveryId.ToString("D")), CancellationToken.None);
        using var ndjson = new MemoryStream();
        var count = await new AuditEventExporter(log).WriteNdjsonAsync(ndjson, null, CancellationToken.None);
        var lines = Encoding.UTF8.GetString(ndjson.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(5, count);
        Assert.Equal(5, lines.Length);
        var events = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(events, e => Assert.Equal("AuditEvent", e.GetProperty("resourceType").GetString()));
        Assert.Equal(["R", "R", "C", "C", "R"], events.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(["0", "4", "0", "0", "0"], events.Select(e => e.GetProperty("outcome").GetString()));
        Assert.Equal("http://localhost/sandbox/fhir/Patient/de-novo-bone-pik3ca", events[0].GetProperty("entity")[0].GetProperty("what").GetProperty("reference").GetString());
        Assert.Equal(deliveryId.ToString("D"), events[2].GetProperty("entity")[1].GetProperty("what").GetProperty("identifier").GetProperty("value").GetString());
        Assert.Equal(deliveryId.ToString("D"), events[3].GetProperty("entity")[1].GetProperty("what").GetProperty("identifier").GetProperty("value").GetString());
        Assert.Equal("create", events[3].GetProperty("subtype")[0].GetProperty("code").GetString());
        Assert.Equal("Practitioner/onc-halloway", events[2].GetProperty("agent")[0].GetProperty("who").GetProperty("reference").GetString());

        var dir = Path.Combine(Path.GetTempPath(), "mbcedu-schema-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "communication-en.json"), Encoding.UTF8.GetString(FhirJsonOutput.SerializeToUtf8Bytes(communication)));
            await File.WriteAllTextAsync(Path.Combine(dir, "communication-es.json"), Encoding.UTF8.GetString(FhirJsonOutput.SerializeToUtf8Bytes(spanish)));
            for (var i = 0; i < lines.Length; i++) await File.WriteAllTextAsync(Path.Combine(dir, $"audit-{i}.json"), lines[i]);
            var (exitCode, output) = RunValidator(dir);
            Assert.True(exitCode == 0, $"validate-fhir.mjs found problems:\n{output}");
            Assert.Contains("7 files valid", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_validator_rejects_an_AuditEvent_without_its_required_elements()
    {
        var dir = Path.Combine(Path.GetTempPath(), "mbcedu-schema-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "bad.json"), """{"resourceType":"AuditEvent","action":"X","recorded":"yesterday"}""");
            var (exitCode, output) = RunValidator(dir);
            Assert.Equal(1, exitCode);
            Assert.Contains("bad.json", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (int ExitCode, string Output) RunValidator(string directory) => FhirSchema.Validate(directory, TimeSpan.FromMinutes(3));
}
