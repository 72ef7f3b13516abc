using ClinicalProfile = MbcFhirEdu.Core.Clinical.ClinicalProfile;
using PatientData = MbcFhirEdu.Core.Clinical.PatientData;
using ProfileExtractor = MbcFhirEdu.Core.Clinical.ProfileExtractor;
using MbcFhirEdu.Core.Matching;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Patient;

/// <summary>
/// A loaded record → profile → recommendations, with the organisation's hold policy and today's date: the one path
/// the patient page, <c>Patient/$education</c> and the CDS Hooks service all take, so they always agree.
/// </summary>
internal sealed class RecordRecommender(MaterialLibrary library, IOptions<WebOptions> options, TimeProvider timeProvider)
{
    /// <param name="patientId">The patient the record was loaded for (from the session or the hook context).</param>
    /// <param name="requestedLanguage">Null: the patient's preferred language (Patient.communication).</param>
    public RecordRecommendation Recommend(PatientRecord record, string patientId, string? requestedLanguage, Audience audience, bool includeEvidence = false)
    {
        var data = PatientRecordReader.ToPatientData(record, patientId);
        var profile = ProfileExtractor.Extract(data);
        return new RecordRecommendation(data, profile, RecommendProfile(profile, data.Patient.Gender, requestedLanguage, audience, includeEvidence));
    }

    /// <summary>The matching step alone, for a profile already extracted (the page cache keeps profiles).</summary>
    public RecommendationSet RecommendProfile(ClinicalProfile profile, string? gender, string? requestedLanguage, Audience audience, bool includeEvidence = false) =>
        MatchingEngine.Recommend(profile, library.Catalog, new MatchRequest
        {
            Language = requestedLanguage ?? profile.Language,
            Audience = audience,
            Policy = new MatchPolicy { HoldRecentDays = options.Value.HoldRecentDays, Today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime) },
            Sex = gender,
            IncludeEvidence = includeEvidence ? true : null,
        });
}

/// <summary>What <see cref="RecordRecommender"/> worked out for one record.</summary>
internal sealed record RecordRecommendation(PatientData Data, ClinicalProfile Profile, RecommendationSet Recommendations)
{
    public override string ToString() => $"RecordRecommendation {{ Items = {Recommendations.Items.Count} }}";
}
