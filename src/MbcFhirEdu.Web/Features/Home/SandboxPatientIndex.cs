using MbcFhirEdu.Sandbox;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MbcFhirEdu.Web.Features.Home;

/// <summary>
/// The sandbox's patient index (<c>Data/patients.json</c>, served as <c>/sandbox/patients</c>), read from the
/// sandbox assembly where it is embedded, so the home page needs no request to itself.
/// </summary>
internal sealed class SandboxPatientIndex
{
    private const string ResourceName = "MbcFhirEdu.Sandbox.Data.patients.json";

    public SandboxPatientIndex()
    {
        using var stream = typeof(SandboxFaults).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The sandbox assembly has no resource {ResourceName}.");
        Patients = JsonSerializer.Deserialize<IndexFile>(stream)?.Patients ?? [];
    }

    public IReadOnlyList<SandboxPatient> Patients { get; }

    private sealed record IndexFile([property: JsonPropertyName("patients")] IReadOnlyList<SandboxPatient> Patients);
}

/// <summary>One synthetic patient of the sandbox (invented names; no real data).</summary>
internal sealed record SandboxPatient(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description);
