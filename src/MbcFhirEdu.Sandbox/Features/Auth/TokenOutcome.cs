namespace MbcFhirEdu.Sandbox.Features.Auth;

/// <summary>Either a token response or an OAuth error with its HTTP status.</summary>
internal sealed record TokenOutcome(TokenResponse? Response, OAuthError? Error, int Status)
{
    public static TokenOutcome Ok(TokenResponse response) => new(response, null, StatusCodes.Status200OK);

    public static TokenOutcome Fail(string error, string description) =>
        new(null, new OAuthError(error, description), error == "invalid_client" ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest);
}
