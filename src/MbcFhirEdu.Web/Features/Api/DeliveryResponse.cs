using MbcFhirEdu.Data.Entities;

namespace MbcFhirEdu.Web.Features.Api;

/// <summary>One delivery as the API shows it. Times are UTC (ISO 8601); <c>status</c> is pending, sending, delivered or failed.</summary>
internal sealed record DeliveryResponse
{
    public required string Id { get; init; }
    public required string Patient { get; init; }
    public required string MaterialId { get; init; }
    public required string Language { get; init; }
    public string? Note { get; init; }
    /// <summary>The Communication's sender (Practitioner or PractitionerRole reference).</summary>
    public required string Sender { get; init; }
    public required string Status { get; init; }
    public required int Attempts { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
    public required bool Opened { get; init; }
    public DateTimeOffset? OpenedAt { get; init; }
    /// <summary>The Communication's id at the EHR, once written.</summary>
    public string? Communication { get; init; }
    /// <summary>Why the last attempt failed (the EHR's OperationOutcome text), while retrying or when failed.</summary>
    public string? LastError { get; init; }

    public static DeliveryResponse From(DeliveryRecord d) => new()
    {
        Id = d.Id.ToString("D"),
        Patient = d.PatientId,
        MaterialId = d.MaterialId,
        Language = d.Language,
        Note = d.Note,
        Sender = d.Sender,
        Status = d.Status.ToString().ToLowerInvariant(),
        Attempts = d.Attempts,
        CreatedAt = d.CreatedAt.ToUniversalTime(),
        DeliveredAt = d.DeliveredAt?.ToUniversalTime(),
        Opened = d.FirstOpenedAt is not null,
        OpenedAt = d.FirstOpenedAt?.ToUniversalTime(),
        Communication = d.EhrCommunicationId,
        LastError = d.Status == DeliveryStatus.Delivered ? null : d.LastError,
    };
}

/// <summary>The patient's deliveries at the API's EHR, newest first (at most <see cref="Limit"/>).</summary>
internal sealed record DeliveryListResponse(string Patient, IReadOnlyList<DeliveryResponse> Deliveries, int Limit);
