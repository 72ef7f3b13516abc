using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Resources;

/// <summary>
/// One resource kept by a <see cref="ResourceSet"/> after de-duplication.
/// </summary>
/// <param name="Reference">"Type/id"; the fullUrl when the resource has no id; otherwise a positional label.</param>
/// <param name="Resource">The winning copy.</param>
/// <param name="Position">Where the first copy appeared in the input (0-based, depth-first through nested Bundles).</param>
/// <param name="Warnings">The reader's warnings for the winning copy, plus a duplicate notice when copies were merged.</param>
public sealed record ResourceEntry(string Reference, Resource Resource, int Position, IReadOnlyList<string> Warnings);
