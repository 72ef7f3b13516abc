using System.Diagnostics.CodeAnalysis;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>The outcome of <see cref="SmartAuthorizer.CompleteAsync"/>: a stored session and its id, or why not.</summary>
public sealed record CompleteLaunchResult
{
    /// <summary>Opaque random id under which <see cref="Session"/> was saved; put it in an HttpOnly cookie.</summary>
    public string? SessionId { get; private init; }
    public SmartSession? Session { get; private init; }
    public SmartError? Error { get; private init; }

    /// <summary>How long the token endpoint took to answer (the code exchange alone), for Server-Timing: not PHI.</summary>
    public TimeSpan TokenCallElapsed { get; init; }

    [MemberNotNullWhen(true, nameof(SessionId), nameof(Session))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Session is not null;

    public static CompleteLaunchResult Success(string sessionId, SmartSession session) => new() { SessionId = sessionId, Session = session };
    public static CompleteLaunchResult Failure(SmartErrorCode code, string message) => new() { Error = new SmartError(code, message) };
    public override string ToString() => Succeeded ? $"CompleteLaunchResult {{ {Session} }}" : $"CompleteLaunchResult {{ {Error} }}";
}
