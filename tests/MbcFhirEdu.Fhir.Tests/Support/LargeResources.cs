using System.Text;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Input;

namespace MbcFhirEdu.Fhir.Tests.Support;

/// <summary>Resources that are large (narrative text) but map to small records, for the streaming memory tests.</summary>
public static class LargeResources
{
    /// <summary>About 20 KB of narrative text, varied as real exports are.</summary>
    public static string Narrative()
    {
        var paragraph = new StringBuilder();
        for (var i = 0; paragraph.Length < 20_000; i++) paragraph.Append("Findings reviewed at visit ").Append(i).Append(": no change in the lesions described before. ");
        return paragraph.ToString();
    }

    /// <summary>Observation "o{number}" of Patient/p1 as one line of JSON: the narrative, a date and a small coded value.</summary>
    public static string Observation(int number, string narrative)
    {
        var answer = number % 2 == 0 ? "LA6576-8" : "LA6577-6";
        return "{\"resourceType\":\"Observation\",\"id\":\"o" + number + "\",\"text\":{\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\"><p>Note "
            + number + ". " + narrative + "</p></div>\"},\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"85337-4\"}]},"
            + "\"subject\":{\"reference\":\"Patient/p1\"},\"effectiveDateTime\":\"20" + (10 + number % 15) + "-0" + (1 + number % 9) + "-1" + number % 10 + "\","
            + "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"" + answer + "\"}]}}";
    }

    /// <summary>The one patient of a file written with <see cref="Observation"/>s 0 to <paramref name="observations"/> - 1, all read.</summary>
    public static PatientData AllRead(FhirReadResult result, int observations)
    {
        var data = TestJson.Single(result);
        Assert.Equal(observations, data.Observations.Count);
        Assert.Equal("Patient/p1", data.Patient.Reference);
        Assert.Contains(data.Observations, o => o.Reference == $"Observation/o{observations - 1}" && o.Effective is not null);
        return data;
    }
}
