namespace MbcFhirEdu.Fhir.Http;

/// <summary>
/// Byte and request accounting shared by the parallel requests of one patient load, so that the whole load stays
/// within <c>Smart:MaxLoadBytes</c> and the number of FHIR requests per page load can be reported.
/// </summary>
public sealed class FhirLoadBudget(long maxBytes)
{
    private long _bytes;
    private int _requests;

    public long MaxBytes { get; } = maxBytes;
    public long BytesRead => Interlocked.Read(ref _bytes);
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Counts <paramref name="bytes"/>; false once the load has read more than <see cref="MaxBytes"/>.</summary>
    public bool TryConsume(long bytes) => Interlocked.Add(ref _bytes, bytes) <= MaxBytes;

    internal void CountRequest() => Interlocked.Increment(ref _requests);
}
