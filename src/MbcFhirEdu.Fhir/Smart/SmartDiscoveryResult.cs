using System.Diagnostics.CodeAnalysis;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>The outcome of <see cref="SmartDiscovery.DiscoverAsync"/>.</summary>
public sealed record SmartDiscoveryResult
{
    public SmartConfiguration? Configuration { get; private init; }
    public SmartError? Error { get; private init; }

    [MemberNotNullWhen(true, nameof(Configuration))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Configuration is not null;

    public static SmartDiscoveryResult Success(SmartConfiguration configuration) => new() { Configuration = configuration };
    public static SmartDiscoveryResult Failure(SmartErrorCode code, string message) => new() { Error = new SmartError(code, message) };
}
