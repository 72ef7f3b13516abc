using ClinicalProfile = MbcFhirEdu.Core.Clinical.ClinicalProfile;
using PatientData = MbcFhirEdu.Core.Clinical.PatientData;
using ProfileExtractor = MbcFhirEdu.Core.Clinical.ProfileExtractor;
using MbcFhirEdu.Core.Matching;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Web.Components;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Patient;

/// <summary>
/// A loaded record → profile → recommendations, with the organisation's hold policy and today's date: the one path
/// the patient page, <c>Patient/$education</c>, the API, the coordinator and the CDS Hooks service all take, so they
/// always agree. Parts of the record that did not load are passed on as <see cref="MatchRequest.MissingParts"/> (a gap is
/// never "not recorded"); a patient the record shows has died gets no materials (CODES.md rule 16).
/// </summary>
internal sealed class RecordRecommender(MaterialLibrary library, IOptions<WebOptions> options, TimeProvider timeProvider)
{
    /// <param name="patientId">The patient the record was loaded for (from the session or the hook context).</param>
    /// <param name="requestedLanguage">Null: the patient's preferred language (Patient.communication).</param>
    public RecordRecommendation Recommend(FetchedRecord record, string patientId, string? requestedLanguage, Audience audience, bool includeEvidence = false)
    {
        var data = PatientRecordReader.ToPatientData(record, patientId);
        var profile = ProfileExtractor.Extract(data);
        var gaps = RecordParts.Gaps(record);
        return new RecordRecommendation(data, profile, RecommendProfile(profile, data.Patient.Gender, requestedLanguage, audience, gaps, includeEvidence), gaps);
    }

    /// <summary>The matching step alone, for a profile already extracted (the page cache keeps profiles).</summary>
    /// <param name="gaps">Parts of the record that failed or loaded only in part.</param>
    public RecommendationSet RecommendProfile(ClinicalProfile profile, string? gender, string? requestedLanguage, Audience audience,
        IReadOnlyList<PatientRecordPart> gaps, bool includeEvidence = false)
    {
        var language = requestedLanguage ?? profile.Language;
        var set = MatchingEngine.Recommend(profile, library.Catalog, new MatchRequest
        {
            Language = language,
            Audience = audience,
            Policy = new MatchPolicy { HoldRecentDays = options.Value.HoldRecentDays, Today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime) },
            Sex = gender,
            IncludeEvidence = includeEvidence ? true : null,
            MissingParts = RecordParts.Names(gaps, language),
        });
        // Rule 16, whatever the engine does: nothing to read or send for someone who has died.
        return profile.Deceased ? set with { Items = [], Notes = [UiText.For(set.Language).DeceasedNote] } : set;
    }
}

/// <summary>What <see cref="RecordRecommender"/> worked out for one record.</summary>
/// <param name="Gaps">Parts of the record that failed or loaded only in part.</param>
internal sealed record RecordRecommendation(PatientData Data, ClinicalProfile Profile, RecommendationSet Recommendations, IReadOnlyList<PatientRecordPart> Gaps)
{
    public override string ToString() => $"RecordRecommendation {{ Items = {Recommendations.Items.Count} }}";
}
