using MbcFhirEdu.Data;
using MbcFhirEdu.Data.Deliveries;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Web.Features.Materials;
using Microsoft.AspNetCore.DataProtection;

namespace MbcFhirEdu.Web.Features.Deliveries;

/// <summary>One material to send to one patient.</summary>
/// <param name="Issuer">The FHIR base (the session's issuer).</param>
/// <param name="Caller">Who asks (fhirUser, or an API client id): the idempotency key is unique per issuer and caller.</param>
/// <param name="Sender">The coordinator's fhirUser, the Communication's sender.</param>
/// <param name="SessionId">For <see cref="DeliveryTokenKind.UserSession"/>: the sender's token session.</param>
/// <param name="SenderName">The sender's display name when known, for the coordinator's history.</param>
public sealed record DeliveryRequest(
    Uri Issuer, string Caller, string PatientId, string Sender, string MaterialId, string Language, string? Note,
    DeliveryTokenKind TokenKind, string? SessionId, string? SenderName = null)
{
    /// <summary>A send by the signed-in practitioner of <paramref name="session"/> to the patient in its context.</summary>
    public static DeliveryRequest FromSession(string sessionId, SmartSession session, string materialId, string language, string? note, string? senderName = null) =>
        new(session.Issuer, session.FhirUser ?? "", session.PatientId ?? "", session.FhirUser ?? "", materialId, language, note,
            DeliveryTokenKind.UserSession, sessionId, senderName);

    public override string ToString() => $"DeliveryRequest {{ Issuer = {Issuer}, Material = {MaterialId}/{Language} }}";
}

public enum DeliveryCreateStatus { Created, Existing, KeyConflict, Invalid }

/// <summary>The delivery the key stands for, or why nothing was recorded.</summary>
public sealed record DeliveryCreateOutcome(DeliveryCreateStatus Status, DeliveryRecord? Delivery, string? Error = null);

/// <summary>
/// Records deliveries (outbox: committed before any EHR call, then sent by <see cref="OutboxWorker"/>), lists a
/// patient's deliveries and records views. The sender's session id is encrypted in the row.
/// </summary>
internal sealed class DeliveryService(DeliveryStore store, MaterialLibrary library, IDataProtectionProvider protection, OutboxSignal signal)
{
    internal const string SessionIdPurpose = "MbcFhirEdu.Delivery.SessionId.v1";
    public const int MaxIdempotencyKeyLength = MbcEduDbContext.MaxIdempotencyKeyLength;
    public const int MaxNoteLength = MbcEduDbContext.MaxNoteLength;

    private readonly IDataProtector _protector = protection.CreateProtector(SessionIdPurpose);

    public async Task<DeliveryCreateOutcome> CreateAsync(DeliveryRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (Validate(request, idempotencyKey) is { } error) return new DeliveryCreateOutcome(DeliveryCreateStatus.Invalid, null, error);
        var protectedSession = request.TokenKind == DeliveryTokenKind.UserSession ? _protector.Protect(request.SessionId!) : null;
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        var result = await store.CreateAsync(new NewDelivery(
            request.Issuer.AbsoluteUri, request.Caller, request.PatientId, request.MaterialId, request.Language, note, request.Sender,
            request.TokenKind, protectedSession, request.SenderName), idempotencyKey, cancellationToken);
        if (result.Status == CreateDeliveryStatus.Created) signal.Wake();
        return result.Status switch
        {
            CreateDeliveryStatus.Created => new DeliveryCreateOutcome(DeliveryCreateStatus.Created, result.Delivery),
            CreateDeliveryStatus.Existing => new DeliveryCreateOutcome(DeliveryCreateStatus.Existing, result.Delivery),
            _ => new DeliveryCreateOutcome(DeliveryCreateStatus.KeyConflict, result.Delivery,
                "This Idempotency-Key was already used for a different delivery."),
        };
    }

    /// <summary>The patient's deliveries at this EHR, newest first.</summary>
    public Task<IReadOnlyList<DeliveryRecord>> ListAsync(Uri issuer, string patientId, CancellationToken cancellationToken) =>
        store.ListForPatientAsync(issuer.AbsoluteUri, patientId, cancellationToken);

    /// <summary>The patient of <paramref name="session"/> opened a delivered material; false if it is not theirs.</summary>
    public Task<bool> RecordViewAsync(Guid deliveryId, SmartSession session, CancellationToken cancellationToken) =>
        session.PatientId is { } patient
            ? store.RecordViewAsync(deliveryId, session.Issuer.AbsoluteUri, patient, cancellationToken)
            : Task.FromResult(false);

    // FHIR R4 id: [A-Za-z0-9\-\.]{1,64}.
    private static bool IsFhirId(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');

    private string? Validate(DeliveryRequest request, string idempotencyKey)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey)) return "An Idempotency-Key is required.";
        if (idempotencyKey.Length > MaxIdempotencyKeyLength || idempotencyKey.Any(c => c is < '!' or > '~'))
            return $"The Idempotency-Key must be 1 to {MaxIdempotencyKeyLength} visible ASCII characters.";
        if (!IsFhirId(request.PatientId)) return "There is no patient in context to send to.";
        if (string.IsNullOrWhiteSpace(request.Sender) || request.Sender.Length > MbcEduDbContext.MaxCallerLength
            || !(request.Sender.Contains("Practitioner/", StringComparison.Ordinal) || request.Sender.Contains("PractitionerRole/", StringComparison.Ordinal)))
            return "Only a signed-in practitioner can send materials.";
        if (string.IsNullOrWhiteSpace(request.Caller) || request.Caller.Length > MbcEduDbContext.MaxCallerLength) return "The caller is not known.";
        if (request.Issuer.AbsoluteUri.Length > MbcEduDbContext.MaxIssuerLength) return "The FHIR server address is too long.";
        if (!MaterialLibrary.IsValidId(request.MaterialId) || !MaterialLibrary.IsLanguage(request.Language)
            || library.Catalog.Find(request.MaterialId, request.Language) is null)
            return "There is no such material in that language.";
        if (request.Note is { Length: > MaxNoteLength }) return $"The note is longer than {MaxNoteLength} characters.";
        if (request.TokenKind == DeliveryTokenKind.UserSession && string.IsNullOrEmpty(request.SessionId)) return "The sender's session is missing.";
        return null;
    }
}

/// <summary>Wakes the outbox worker when a delivery is recorded, so it is sent at once rather than at the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try { _signal.Release(); }
        catch (SemaphoreFullException) { } // already awake
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
