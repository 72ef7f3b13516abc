using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Matching;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Web.Components;

namespace MbcFhirEdu.Web.Features.Patient;

/// <summary>Everything the patient page shows, built for one session and one language.</summary>
public sealed record PatientPageModel
{
    public required UiText Text { get; init; }
    public required RecommendationSet Recommendations { get; init; }
    /// <summary>The clinician view (fhirUser is a Practitioner): evidence, profile facts and warnings.</summary>
    public bool Clinician { get; init; }
    /// <summary>Only for the clinician view.</summary>
    public ClinicalProfile? Profile { get; init; }
    /// <summary>When the EHR asked for a banner (need_patient_banner), and on every clinician page outside an EHR frame.</summary>
    public PatientBanner? Banner { get; init; }
    /// <summary>Localised "we could not load …" messages for missing or partial parts of the record.</summary>
    public IReadOnlyList<string> RecordMessages { get; init; } = [];
    /// <summary>Parts of the record that failed or loaded only in part: what they hold is unknown, not absent.</summary>
    public IReadOnlyList<PatientRecordPart> RecordGaps { get; init; } = [];
    /// <summary>The record shows the patient has died (CODES.md rule 16): a respectful message, no materials, no sending.</summary>
    public bool Deceased { get; init; }
    /// <summary>Access the EHR did not grant (degraded scopes), in English as the SMART client words them.</summary>
    public IReadOnlyList<string> AccessNotes { get; init; } = [];
    public string? ThemeUrl { get; init; }
    /// <summary>This launch's own address (<c>/app/l/{ctx}</c>): every link of the page starts with it.</summary>
    public string AppPath { get; init; } = "/app";
    public int FhirRequests { get; init; }
    public int CriticalPathRequests { get; init; }
    public TimeSpan FhirElapsed { get; init; }
    /// <summary>The record came from this replica's cache (no FHIR request was made).</summary>
    public bool FromCache { get; init; }
    /// <summary>Until when the rendered page may be reused; null when the load was partial or the cache is off.</summary>
    public DateTimeOffset? CacheableUntil { get; init; }

    public override string ToString() => $"PatientPageModel {{ Items = {Recommendations.Items.Count}, Clinician = {Clinician} }}";
}
