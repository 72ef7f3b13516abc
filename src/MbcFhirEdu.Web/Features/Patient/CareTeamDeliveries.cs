using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Data.Deliveries;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Features.Audit;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Infrastructure;

namespace MbcFhirEdu.Web.Features.Patient;

/// <summary>One material the care team sent that reached the health record, as the patient's page lists it.</summary>
public sealed record CareTeamItem(Guid DeliveryId, string MaterialId, string Language, string Title, string? Note, DateTimeOffset Sent)
{
    /// <summary>The material's page in the app, carrying the delivery so opening it counts as a view.</summary>
    public string Url => $"/app/materials/{Uri.EscapeDataString(MaterialId)}?lang={Language}&delivery={DeliveryId:D}";
}

/// <summary>
/// Materials the care team sent together, with the coordinator's note once: one send makes one delivery per material,
/// each carrying the same note, and the patient should read the note once, not under every material.
/// </summary>
public sealed record CareTeamSend(string? Note, IReadOnlyList<CareTeamItem> Items)
{
    /// <summary>Groups neighbouring items (newest first) that carry the same note; their order is kept.</summary>
    public static IReadOnlyList<CareTeamSend> Group(IReadOnlyList<CareTeamItem> items)
    {
        var sends = new List<CareTeamSend>();
        foreach (var item in items)
        {
            if (sends.Count > 0 && string.Equals(sends[^1].Note, item.Note, StringComparison.Ordinal))
                sends[^1] = sends[^1] with { Items = [.. sends[^1].Items, item] };
            else
                sends.Add(new CareTeamSend(item.Note, [item]));
        }
        return sends;
    }
}

/// <summary>
/// The patient side of deliveries: what the care team sent to the session's own patient (issuer and patient id from
/// the session, never from the request), and view tracking when the patient opens one. Read per request, never cached,
/// so a delivery shows up on the next page load.
/// </summary>
internal sealed class CareTeamDeliveries(DeliveryStore store, MaterialLibrary library, AuditLog audit, ILogger<CareTeamDeliveries> logger)
{
    /// <summary>Delivered materials for the session's patient at the session's EHR, newest first.</summary>
    public async Task<IReadOnlyList<CareTeamItem>> ListAsync(SmartSession session, CancellationToken cancellationToken)
    {
        if (session.PatientId is not { } patient) return [];
        var rows = await store.ListForPatientAsync(session.Issuer.AbsoluteUri, patient, cancellationToken);
        return [.. rows
            .Where(d => d.Status == DeliveryStatus.Delivered)
            .Select(d => library.Catalog.Find(d.MaterialId, d.Language) is { } material
                ? new CareTeamItem(d.Id, d.MaterialId, d.Language, material.Title, d.Note, d.DeliveredAt ?? d.CreatedAt)
                : null)
            .OfType<CareTeamItem>()];
    }

    /// <summary>
    /// The patient of <paramref name="session"/> opened <paramref name="materialId"/> from delivery
    /// <paramref name="deliveryId"/>. Recorded only for the session's own patient and EHR, a delivered row, and the
    /// material the delivery is for; a clinician opening the link records nothing. Audited either way (ids only).
    /// </summary>
    public async Task<bool> RecordViewAsync(Guid deliveryId, string materialId, SmartSession session, CancellationToken cancellationToken)
    {
        if (session.IsPractitioner || session.PatientId is not { } patient) return false;
        var issuer = session.Issuer.AbsoluteUri;
        var delivery = await store.GetAsync(deliveryId, cancellationToken);
        var recorded = delivery is not null && delivery.MaterialId == materialId && delivery.Issuer == issuer && delivery.PatientId == patient
                       && await store.RecordViewAsync(deliveryId, issuer, patient, cancellationToken);
        WebLog.DeliveryViewed(logger, recorded);
        await audit.TryWriteAsync(new AuditEntry(AuditActions.DeliveryView, recorded, session.FhirUser, issuer, patient, deliveryId.ToString("D")),
            logger, cancellationToken);
        return recorded;
    }
}
