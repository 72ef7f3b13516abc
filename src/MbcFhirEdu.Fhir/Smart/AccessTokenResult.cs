using System.Diagnostics.CodeAnalysis;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>A usable bearer token for a session, or why there is none.</summary>
public sealed record AccessTokenResult
{
    public string? AccessToken { get; private init; }
    public SmartError? Error { get; private init; }

    [MemberNotNullWhen(true, nameof(AccessToken))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => AccessToken is not null;

    public static AccessTokenResult Success(string accessToken) => new() { AccessToken = accessToken };
    public static AccessTokenResult Failure(SmartErrorCode code, string message) => new() { Error = new SmartError(code, message) };
    public override string ToString() => Succeeded ? "AccessTokenResult { Succeeded }" : $"AccessTokenResult {{ {Error} }}";
}
