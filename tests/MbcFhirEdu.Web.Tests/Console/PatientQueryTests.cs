using MbcFhirEdu.Web.Features.Console;

namespace MbcFhirEdu.Web.Tests.Console;

public sealed class PatientQueryTests
{
    [Theory]
    [InlineData("SBX-1005", null, "SBX-1005", null)]
    [InlineData(" http://sandbox.mbcedu.example/mrn|SBX-1005 ", null, "http://sandbox.mbcedu.example/mrn|SBX-1005", null)]
    [InlineData(null, "  Imogen   Saltmarsh ", null, "Imogen Saltmarsh")]
    [InlineData("", "O'Brien-Núñez", null, "O'Brien-Núñez")]
    public void A_valid_MRN_or_name_becomes_the_query(string? mrn, string? name, string? expectedMrn, string? expectedName)
    {
        var (query, error) = PatientQuery.Parse(mrn, name);
        Assert.Null(error);
        Assert.Equal(new PatientQuery(expectedMrn, expectedName), query);
    }

    [Theory]
    [InlineData("SBX-1005", "Saltmarsh", "not both")]
    [InlineData("<script>", null, "The MRN can have")]
    [InlineData("a b", null, "The MRN can have")]
    [InlineData(null, "x", "The name needs")]
    [InlineData(null, "Robert'); DROP", "The name needs")]
    public void A_bad_query_is_refused_with_a_message_naming_what_to_change(string? mrn, string? name, string expected)
    {
        var (query, error) = PatientQuery.Parse(mrn, name);
        Assert.Null(query);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Nothing_typed_is_neither_a_query_nor_an_error()
    {
        Assert.Equal((null, null), PatientQuery.Parse("  ", null));
    }

    [Theory]
    [InlineData("Imogen Saltmarsh", "salt", true)]
    [InlineData("Imogen Saltmarsh", "im sal", true)]
    [InlineData("Imogen Saltmarsh", "marsh", false)]
    [InlineData("Mary O'Brien-Núñez", "núñez", true)]
    [InlineData(null, "salt", false)]
    public void A_name_matches_when_every_word_starts_a_part_of_it(string? name, string query, bool expected) =>
        Assert.Equal(expected, ConsolePatientSearch.NameMatches(name, query));
}
