using MbcFhirEdu.Fhir.Http;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>
/// Turns a token response into a <see cref="SmartSession"/>: SMART App Launch 2.2 §2.2 launch context (patient,
/// encounter, need_patient_banner, smart_style_url) and the granted scopes, which may be narrower than requested.
/// </summary>
internal static class SessionBuilder
{
    // SMART recommends expires_in; without it assume an hour and rely on the 401 path to refresh.
    private static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromHours(1);

    public static CompleteLaunchResult Build(string sessionId, LaunchState launch, TokenResponse token, IdTokenResult? identity, SmartClientOptions options, DateTimeOffset now)
    {
        var granted = token.Scope is null ? launch.RequestedScopes : SmartScopes.Parse(token.Scope);
        if (token.Patient is not null && !FhirPaths.IsValidId(token.Patient))
            return CompleteLaunchResult.Failure(SmartErrorCode.TokenError, "The token response named a patient id that is not a valid FHIR id.");
        if (token.Patient is null && launch.Mode != SmartLaunchMode.StandalonePractitioner)
            return CompleteLaunchResult.Failure(SmartErrorCode.MissingPatientContext, "The health record did not say which patient this launch is for.");

        var session = new SmartSession
        {
            Issuer = launch.Issuer,
            TokenEndpoint = launch.TokenEndpoint,
            Mode = launch.Mode,
            AccessToken = token.AccessToken,
            AccessTokenExpiresAt = ExpiresAt(token, now),
            RefreshToken = token.RefreshToken,
            GrantedScopes = granted,
            PatientId = token.Patient,
            EncounterId = FhirPaths.IsValidId(token.Encounter) ? token.Encounter : null,
            FhirUser = identity?.FhirUser,
            NeedPatientBanner = token.NeedPatientBanner ?? false,
            SmartStyleUrl = IsWebUrl(token.SmartStyleUrl) ? token.SmartStyleUrl : null,
            DegradedScopes = SmartScopes.DegradedMessages(granted),
            CreatedAt = now,
            ExpiresAt = now + options.SessionLifetime,
        };
        return CompleteLaunchResult.Success(sessionId, session);
    }

    /// <summary>The access token's expiry; a refresh keeps the session's other context.</summary>
    public static DateTimeOffset ExpiresAt(TokenResponse token, DateTimeOffset now) =>
        token.ExpiresIn is int seconds && seconds > 0 ? now.AddSeconds(seconds) : now + DefaultTokenLifetime;

    private static bool IsWebUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
