using System.Diagnostics.CodeAnalysis;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>A token endpoint call: the parsed response, or the server's refusal as a <see cref="SmartError"/>.</summary>
public sealed record TokenEndpointResult
{
    public TokenResponse? Response { get; private init; }
    public SmartError? Error { get; private init; }

    [MemberNotNullWhen(true, nameof(Response))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Response is not null;

    public static TokenEndpointResult Success(TokenResponse response) => new() { Response = response };
    public static TokenEndpointResult Failure(string message) => new() { Error = new SmartError(SmartErrorCode.TokenError, message) };
}
