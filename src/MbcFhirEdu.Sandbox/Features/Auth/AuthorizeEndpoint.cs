using MbcFhirEdu.Sandbox.Features.Fhir;
using MbcFhirEdu.Sandbox.Features.Launch;
using MbcFhirEdu.Sandbox.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MbcFhirEdu.Sandbox.Features.Auth;

/// <summary><c>GET {prefix}/auth/authorize</c>: SMART App Launch 2.2 §"Obtain authorization code".</summary>
internal static class AuthorizeEndpoint
{
    public static Results<RedirectHttpResult, ContentHttpResult> Handle(
        HttpContext context, ClientRegistry clients, LaunchStore launches, AuthorizationCodeStore codes, FhirDataStore data, ILogger<AuthorizationCodeStore> logger)
    {
        var request = AuthorizeRequest.From(context.Request.Query);
        var urls = SandboxUrls.From(context);
        // Until client and redirect_uri are verified, errors go to the user, never to a redirect (RFC 6749 §4.1.2.1).
        if (clients.Find(request.ClientId) is not { } client)
            return Reject(logger, request.ClientId, "unknown_client", HtmlPage.Render("Unknown app", "<p>The <code>client_id</code> is not registered with this sandbox.</p>", 400));
        if (request.RedirectUri is not { } redirectUri || !client.AcceptsRedirect(redirectUri))
            return Reject(logger, client.ClientId, "invalid_redirect_uri", HtmlPage.Render("Redirect not allowed", "<p>The <code>redirect_uri</code> is not registered for this app.</p>", 400));

        var redirect = new OAuthRedirect(redirectUri, request.State);
        var problem = Validate(request, urls);
        if (problem is not null) return Reject(logger, client.ClientId, problem.Value.Error, redirect.Error(problem.Value.Error, problem.Value.Description));

        var granted = ScopeGranter.Grant(ScopeGranter.Split(request.Scope), client.Scopes, ScopeContext.Patient, ScopeContext.User);
        var subject = ResolveSubject(request, launches, data, granted, urls, out var failure);
        if (failure is not null) return Reject(logger, client.ClientId, failure.Value.Error, redirect.Error(failure.Value.Error, failure.Value.Description));
        if (subject is null)
            return PatientPicker.Render(context.Request.Query, urls.Authorize, data.Index, granted.Contains("launch/patient"), PickError(request));

        if (subject.PatientId is null) granted.RemoveAll(s => s == "launch/patient" || ResourceScope.Parse(s)?.Context == ScopeContext.Patient);
        if (!granted.Any(s => ResourceScope.Parse(s) is not null || s == "openid"))
            return Reject(logger, client.ClientId, "invalid_scope", redirect.Error("invalid_scope", "none of the requested scopes can be granted to this client"));

        var grant = new AuthorizationGrant(client.ClientId, granted, subject.PatientId, subject.FhirUser, subject.NeedPatientBanner,
            subject.SmartStyleUrl, subject.Intent, string.IsNullOrEmpty(request.Nonce) ? null : request.Nonce, RandomTokens.New());
        if (codes.Issue(grant, redirectUri, request.CodeChallenge!) is not { } code)
            return redirect.Error("temporarily_unavailable", "the sandbox's code store is full");
        logger.CodeIssued(client.ClientId, granted.Count);
        return redirect.Code(code);
    }

    private static (string Error, string Description)? Validate(AuthorizeRequest request, SandboxUrls urls)
    {
        if (request.ResponseType != "code") return ("unsupported_response_type", "response_type must be code");
        if (string.IsNullOrEmpty(request.State)) return ("invalid_request", "state is required");
        if (request.CodeChallengeMethod != "S256") return ("invalid_request", "PKCE is required with code_challenge_method=S256 (plain is not accepted)");
        if (!Pkce.IsValidChallenge(request.CodeChallenge)) return ("invalid_request", "code_challenge must be BASE64URL(SHA256(code_verifier))");
        if (!string.Equals(request.Aud?.TrimEnd('/'), urls.FhirBase, StringComparison.Ordinal))
            return ("invalid_request", $"aud must be this FHIR server's base URL: {urls.FhirBase}");
        return null;
    }

    /// <summary>Who signs in and which patient is in context; null (with no failure) means "show the picker".</summary>
    private static LaunchContext? ResolveSubject(AuthorizeRequest request, LaunchStore launches, FhirDataStore data, List<string> granted, SandboxUrls urls,
        out (string Error, string Description)? failure)
    {
        failure = null;
        if (!string.IsNullOrEmpty(request.Launch))
        {
            if (!granted.Contains("launch")) failure = ("invalid_scope", "an EHR launch must ask for the launch scope");
            else if (launches.Find(request.Launch) is { } launch) return launch;
            else failure = ("invalid_request", "launch is unknown or expired");
            return null;
        }
        granted.Remove("launch");
        var user = Parse(request.Pick, data);
        if (user is null) return null;
        if (user.StartsWith("Patient/", StringComparison.Ordinal))
            return new LaunchContext(user["Patient/".Length..], user, NeedPatientBanner: true, Intent: null, urls.SmartStyle);
        var patient = request.PickPatient is { Length: > 0 } id && data.Find("Patient", id) is not null ? id : null;
        if (patient is null && granted.Contains("launch/patient")) return null;
        return new LaunchContext(patient, user, NeedPatientBanner: true, Intent: null, urls.SmartStyle);
    }

    private static string? Parse(string? pick, FhirDataStore data)
    {
        if (string.IsNullOrEmpty(pick)) return null;
        var slash = pick.IndexOf('/');
        if (slash <= 0) return null;
        var type = pick[..slash];
        return type is "Patient" or "Practitioner" && data.Find(type, pick[(slash + 1)..]) is not null ? pick : null;
    }

    private static string? PickError(AuthorizeRequest request) =>
        string.IsNullOrEmpty(request.Pick) ? null
        : request.Pick.StartsWith("Practitioner/", StringComparison.Ordinal) ? "Choose the patient to open, or check that the user exists."
        : $"'{request.Pick}' is not a patient or clinician in this sandbox.";

    private static TResult Reject<TResult>(ILogger logger, string? clientId, string error, TResult result)
    {
        logger.AuthorizeRejected(clientId ?? "(none)", error);
        return result;
    }
}
