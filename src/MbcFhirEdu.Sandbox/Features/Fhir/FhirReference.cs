namespace MbcFhirEdu.Sandbox.Features.Fhir;

/// <summary>Reads patient references in their usual forms: <c>x</c>, <c>Patient/x</c>, <c>{base}/Patient/x</c>.</summary>
internal static class FhirReference
{
    public static string? PatientId(string reference)
    {
        var value = reference.Trim();
        var index = value.LastIndexOf("Patient/", StringComparison.Ordinal);
        if (index >= 0) value = value[(index + "Patient/".Length)..];
        else if (value.Contains('/')) return null;
        var history = value.IndexOf('/');
        if (history >= 0) value = value[..history];
        return value.Length == 0 ? null : value;
    }
}
