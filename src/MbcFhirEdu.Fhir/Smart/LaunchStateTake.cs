using System.Diagnostics.CodeAnalysis;

namespace MbcFhirEdu.Fhir.Smart;

/// <summary>What <see cref="ILaunchStateStore.TakeAsync"/> found.</summary>
public enum LaunchStateTakeStatus { Taken, NotFound, AlreadyUsed, Expired }

/// <summary>The result of taking a launch state: the state itself only when it was pending and unexpired.</summary>
public sealed record LaunchStateTake(LaunchStateTakeStatus Status, LaunchState? State)
{
    [MemberNotNullWhen(true, nameof(State))]
    public bool Succeeded => Status == LaunchStateTakeStatus.Taken && State is not null;
}
