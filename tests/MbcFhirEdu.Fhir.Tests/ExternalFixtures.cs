using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>Reads one of the public fixtures under tests/fixtures/external and finds records in it.</summary>
internal static class ExternalFixtures
{
    public static FhirReadResult ReadResult(string relative)
    {
        var result = FhirInput.Read(TestPaths.External(relative));
        Assert.True(result.Succeeded, result.Error?.ToString());
        return result;
    }

    public static PatientData Read(string relative) => Assert.Single(ReadResult(relative).Patients);

    public static ConditionRecord Condition(this PatientData data, string id) =>
        Assert.Single(data.Conditions, c => c.Reference == "Condition/" + id);

    public static ObservationRecord Observation(this PatientData data, string id) =>
        Assert.Single(data.Observations, o => o.Reference == "Observation/" + id);

    public static Code Snomed(string code, string? display = null) => new(CodeSystems.Snomed, code, display);

    public static string Key(this Code code) => code.ToString();

    public static IEnumerable<string> Keys(this IEnumerable<Code> codes) => codes.Select(c => c.ToString());
}
