using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Matching;
using MbcFhirEdu.Fhir.Http;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Features.Patient;

/// <summary>
/// From a loaded record to recommendations: profile extraction, then the matching engine with the host's policy. Shared
/// by the launched pages and the server-to-server API, so both give the same answer for the same record.
/// </summary>
internal sealed class PatientRecommender(MaterialLibrary library, IOptions<WebOptions> options, TimeProvider timeProvider)
{
    /// <param name="requestedLanguage">en|es, or null for the patient's own language (Patient.communication).</param>
    public (PatientData Data, ClinicalProfile Profile, RecommendationSet Recommendations) Recommend(
        MbcFhirEdu.Fhir.Http.PatientRecord record, string patientId, string? requestedLanguage, Audience audience)
    {
        var data = PatientRecordReader.ToPatientData(record, patientId);
        var profile = ProfileExtractor.Extract(data);
        var recommendations = MatchingEngine.Recommend(profile, library.Catalog, new MatchRequest
        {
            // Patient.communication first (the profile's language); the caller's choice second.
            Language = requestedLanguage ?? profile.Language,
            Audience = audience,
            Policy = new MatchPolicy { HoldRecentDays = options.Value.HoldRecentDays, Today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime) },
            Sex = data.Patient.Gender,
        });
        return (data, profile, recommendations);
    }
}
