namespace MbcFhirEdu.Core.Tests.Profiles;

/// <summary>
/// One spelling for a ValueSet member on both sides of the drift test: an exact code is
/// <c>system|code</c>; a prefix row of a <see cref="Clinical.Codes.PrefixTable"/> is the <c>is-a</c> filter
/// <c>system|is-a code</c>, which is how fhir-profiles writes it.
/// </summary>
internal static class Terms
{
    public static string Concept(string system, string code) => $"{system}|{code}";

    public static string IsA(string system, string code) => $"{system}|is-a {code}";
}
