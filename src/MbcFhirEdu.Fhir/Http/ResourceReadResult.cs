using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace MbcFhirEdu.Fhir.Http;

/// <summary>A FHIR read (FHIR R4 §3.1.0.4 "read"): the resource JSON, or the problem that stopped it.</summary>
public sealed record ResourceReadResult
{
    public JsonElement? Resource { get; private init; }
    public FhirProblem? Problem { get; private init; }

    [MemberNotNullWhen(true, nameof(Resource))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Resource is not null;

    public static ResourceReadResult Success(JsonElement resource) => new() { Resource = resource };
    public static ResourceReadResult Failure(FhirProblem problem) => new() { Problem = problem };
}
