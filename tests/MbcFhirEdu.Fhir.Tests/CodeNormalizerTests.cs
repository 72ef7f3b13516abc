using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Fhir.Mapping;
using MbcFhirEdu.Fhir.Model;

namespace MbcFhirEdu.Fhir.Tests;

public sealed class CodeNormalizerTests
{
    // CodeNormalizer caches system normalisation for speed; it must stay equal to Core's CodeSystems.Normalize.
    [Theory]
    [InlineData("urn:oid:2.16.840.1.113883.6.90", "C50.912", "Malignant neoplasm")]
    [InlineData("http://snomed.info/sct", "254837009.0", null)]
    [InlineData(" http://snomed.info/sct ", " 94222008 ", " ")]
    [InlineData("http://www.genenames.org", "8975", "PIK3CA")]
    [InlineData(null, "POS", null)]
    [InlineData("https://loinc.org", "85337-4", "ER")]
    [InlineData("http://example.org/local", "X1", "x")]
    public void Codes_MatchCoreNormalize(string? system, string code, string? display)
    {
        var concept = new CodeableConcept { Coding = [new Coding { System = system, Code = code, Display = display }, new Coding { System = system }] };
        var normalizer = new CodeNormalizer();
        normalizer.Codes(concept); // fill the cache first, then compare the cached path
        Assert.Equal([CodeSystems.Normalize(system, code, display)], normalizer.Codes(concept));
    }
}
