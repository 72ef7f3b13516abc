namespace MbcFhirEdu.Fhir.Input;

/// <summary>
/// Bounds on what <see cref="FhirInput"/> will read (DESIGN.md: every input size is bounded). Exceeding one is
/// a <see cref="FhirReadErrorKind.LimitExceeded"/> error that names the limit.
/// </summary>
public sealed record FhirReadLimits
{
    public const int MiB = 1024 * 1024;

    /// <summary>The shared defaults: 64 MiB per JSON file, 16 MiB per NDJSON line, depth 64, 500,000 resources.</summary>
    public static FhirReadLimits Default { get; } = new();

    /// <summary>Largest JSON file (or stream) read, in bytes; NDJSON is streamed line by line and not bound by it.</summary>
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
