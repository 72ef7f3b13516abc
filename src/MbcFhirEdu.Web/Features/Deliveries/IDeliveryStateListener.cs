namespace MbcFhirEdu.Web.Features.Deliveries;

/// <summary>
/// Told by this replica's outbox when a delivery reached the EHR, so what shows deliveries (the patient's "From your
/// care team") can drop what it holds for that patient at once. Other replicas learn it when their own copy expires.
/// </summary>
public interface IDeliveryStateListener
{
    void Delivered(string issuer, string patientId);
}
