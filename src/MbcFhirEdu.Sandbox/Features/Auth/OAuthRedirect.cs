using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace MbcFhirEdu.Sandbox.Features.Auth;

/// <summary>Redirects back to a verified redirect_uri with a code or an error (RFC 6749 §4.1.2, §4.1.2.1).</summary>
internal sealed record OAuthRedirect(string RedirectUri, string? State)
{
    public RedirectHttpResult Code(string code) => Go(new() { ["code"] = code, ["state"] = State });

    public RedirectHttpResult Error(string error, string description) =>
        Go(new() { ["error"] = error, ["error_description"] = description, ["state"] = string.IsNullOrEmpty(State) ? null : State });

    private RedirectHttpResult Go(Dictionary<string, string?> parameters) =>
        TypedResults.Redirect(QueryHelpers.AddQueryString(RedirectUri, parameters.Where(p => p.Value is not null)));
}
