namespace MbcFhirEdu.Fhir.Input;

/// <summary>
/// Bounds on what <see cref="FhirInput"/> will read (DESIGN.md: every input size is bounded). Exceeding one is
/// a <see cref="FhirReadErrorKind.LimitExceeded"/> error that names the limit.
/// </summary>
public sealed record FhirReadLimits
{
    public const int MiB = 1024 * 1024;

    /// <summary>The shared defaults: 64 MiB per JSON value held whole, 16 MiB per NDJSON line, depth 64, 500,000 resources.</summary>
    public static FhirReadLimits Default { get; } = new();

    /// <summary>
    /// Largest JSON value held whole, in bytes: a file (or stream) that is a single resource, or one entry of a Bundle, which
    /// is read entry by entry and so is not bound by it as a whole (nor is NDJSON, streamed line by line); also the longest
    /// single JSON string. A stream that cannot seek is still held whole, and bound by it as a whole.
    /// </summary>
    public long MaxFileBytes { get; init; } = 64L * MiB;

    /// <summary>Longest NDJSON line (Bulk Data: one resource per line), in bytes.</summary>
    public int MaxNdjsonLineBytes { get; init; } = 16 * MiB;

    /// <summary>Deepest JSON nesting accepted.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Most resources read from one input, counting Bundles and every entry of nested Bundles.</summary>
    public int MaxResources { get; init; } = 500_000;

    /// <summary>Most .json/.ndjson files read from one folder (<see cref="FhirInput.ReadFolder"/>).</summary>
    public int MaxFolderFiles { get; init; } = 10_000;

    /// <summary>Largest total size of the .json files read from one folder, in bytes (each is also held to <see cref="MaxFileBytes"/>; NDJSON is streamed).</summary>
    public long MaxFolderBytes { get; init; } = 256L * MiB;

    internal static string Bytes(long bytes) =>
        bytes % MiB == 0 ? $"{bytes / MiB} MiB" : $"{bytes:N0} bytes";
}
