using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Http;

namespace MbcFhirEdu.Web.Features.Deliveries;

/// <summary>
/// Before a send (coordinator or API): does the patient's record show they have died (CODES.md rule 16)? One Patient
/// read, read through the same profile as every page, so "deceased" means the same everywhere.
/// </summary>
internal sealed class DeceasedCheck(PatientRecordLoader loader)
{
    /// <summary>
    /// True when the Patient resource says the patient has died. False when it does not, and also when the Patient
    /// could not be read: the send is then recorded as usual (the outbox writes to the same EHR later), and the pages
    /// that offer sending have already checked the full record.
    /// </summary>
    public async Task<bool> IsDeceasedAsync(FhirConnection connection, string patientId, CancellationToken cancellationToken)
    {
        var record = await loader.LoadAsync(connection, patientId, null, [PatientRecordPart.Patient], cancellationToken);
        if (record.Patient is null) return false;
        return ProfileExtractor.Extract(PatientRecordReader.ToPatientData(record, patientId)).Deceased;
    }

    /// <summary>Why a send was refused, for the coordinator and the API's problem detail.</summary>
    public const string Refusal = "Nothing was sent: the health record shows this patient has died.";
}
