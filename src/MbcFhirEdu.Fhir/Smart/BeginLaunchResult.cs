using System.Diagnostics.CodeAnalysis;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>The outcome of <see cref="SmartAuthorizer.BeginAsync"/>: where to redirect the browser, or why not.</summary>
public sealed record BeginLaunchResult
{
    /// <summary>The authorization endpoint with every SMART §2.1 "Obtain authorization code" parameter.</summary>
    public Uri? AuthorizeUrl { get; private init; }
    public LaunchState? State { get; private init; }
    public SmartError? Error { get; private init; }

    [MemberNotNullWhen(true, nameof(AuthorizeUrl), nameof(State))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => AuthorizeUrl is not null;

    public static BeginLaunchResult Success(Uri authorizeUrl, LaunchState state) => new() { AuthorizeUrl = authorizeUrl, State = state };
    public static BeginLaunchResult Failure(SmartErrorCode code, string message) => new() { Error = new SmartError(code, message) };
    public static BeginLaunchResult Failure(SmartError error) => new() { Error = error };
}
