namespace MbcFhirEdu.Fhir.Smart;

/// <summary>
/// Pending launches keyed by <c>state</c>. <see cref="TakeAsync"/> is single use: the first call gets the state, every
/// later one sees <see cref="LaunchStateTakeStatus.AlreadyUsed"/> (until expiry). In-memory now; a database
/// implementation shares it across replicas.
/// </summary>
public interface ILaunchStateStore
{
    Task SaveAsync(LaunchState state, CancellationToken cancellationToken);

    Task<LaunchStateTake> TakeAsync(string state, CancellationToken cancellationToken);
}
