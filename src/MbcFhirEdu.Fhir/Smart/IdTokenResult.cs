using System.Diagnostics.CodeAnalysis;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>A validated id_token's useful claims, or why it was rejected.</summary>
public sealed record IdTokenResult
{
    public bool Valid { get; private init; }
    /// <summary>The <c>fhirUser</c> claim (e.g. <c>Practitioner/123</c> or an absolute URL), when present.</summary>
    public string? FhirUser { get; private init; }
    public string? Subject { get; private init; }
    public string? Error { get; private init; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Valid;

    public static IdTokenResult Success(string? fhirUser, string? subject) => new() { Valid = true, FhirUser = fhirUser, Subject = subject };
    public static IdTokenResult Failure(string error) => new() { Error = error };
}
