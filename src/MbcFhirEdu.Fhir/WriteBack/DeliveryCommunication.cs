using Hl7.Fhir.Model;

namespace MbcFhirEdu.Fhir.WriteBack;

/// <summary>What one delivery puts into the EHR.</summary>
/// <param name="DeliveryId">Our delivery id: the Communication's identifier and the conditional-create key.</param>
/// <param name="PatientId">The FHIR Patient id (subject and recipient).</param>
/// <param name="Sender">The coordinator's fhirUser (e.g. <c>Practitioner/123</c> or an absolute URL).</param>
/// <param name="MaterialUrl">The material's page in the app (carrying the delivery id, so opening it counts as a view).</param>
public sealed record DeliveryContent(
    Guid DeliveryId, string PatientId, string Sender, string MaterialTitle, string Language, Uri MaterialUrl, string? Note, DateTimeOffset Sent);

/// <summary>
/// Builds the Communication of one delivery per the MbcEducationDeliveryCommunication profile (fhir-profiles/):
/// status completed, category instruction, subject and recipient the Patient, sender the coordinator, one attachment
/// payload (the material page) and one string payload (the covering message, with the coordinator's note).
/// </summary>
public static class DeliveryCommunication
{
    public const string DeliveryIdSystem = "http://mbcfhiredu.example.org/fhir/sid/delivery-id";
    public const string CategorySystem = "http://terminology.hl7.org/CodeSystem/communication-category";

    public static string IdentifierValue(Guid deliveryId) => deliveryId.ToString("D");

    /// <summary>The <c>If-None-Exist</c> value: <c>identifier=system|value</c>.</summary>
    public static string IfNoneExist(Guid deliveryId) => $"identifier={DeliveryIdSystem}|{IdentifierValue(deliveryId)}";

    public static Communication Build(DeliveryContent content)
    {
        var patient = new ResourceReference("Patient/" + content.PatientId);
        return new Communication
        {
            Identifier = [new Identifier(DeliveryIdSystem, IdentifierValue(content.DeliveryId))],
            Status = EventStatus.Completed,
            Category = [new CodeableConcept { Coding = [new Coding(CategorySystem, "instruction", "Instruction")] }],
            Subject = patient,
            Recipient = [patient],
            Sender = new ResourceReference(content.Sender),
            SentElement = new FhirDateTime(content.Sent.ToUniversalTime()),
            Payload =
            [
                new Communication.PayloadComponent
                {
                    Content = new Attachment
                    {
                        ContentType = "text/html",
                        Language = content.Language,
                        Url = content.MaterialUrl.AbsoluteUri,
                        Title = content.MaterialTitle,
                    },
                },
                new Communication.PayloadComponent { Content = new FhirString(Message(content)) },
            ],
        };
    }

    /// <summary>The covering message in the material's language, plus the coordinator's note when there is one.</summary>
    public static string Message(DeliveryContent content)
    {
        var spanish = content.Language.StartsWith("es", StringComparison.OrdinalIgnoreCase);
        var message = spanish
            ? $"Su equipo de atención le envió material para leer: \"{content.MaterialTitle}\". Lo encontrará en su portal del paciente."
            : $"Your care team shared a reading material with you: \"{content.MaterialTitle}\". You can find it in your patient portal.";
        if (string.IsNullOrWhiteSpace(content.Note)) return message;
        return message + (spanish ? " Nota de su equipo de atención: " : " A note from your care team: ") + content.Note.Trim();
    }
}
