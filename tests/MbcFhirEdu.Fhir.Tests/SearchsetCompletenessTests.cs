using System.Text.Json.Nodes;

namespace MbcFhirEdu.Fhir.Tests;

/// <summary>CODES.md rule 20: a searchset that is only part of the search result is said to be so.</summary>
public sealed class SearchsetCompletenessTests
{
    private static JsonObject Searchset(int? total, bool next, params (JsonObject Resource, string? Mode)[] entries)
    {
        var bundle = TestJson.Bundle("searchset", [.. entries.Select(e => ((string?)null, e.Resource))]);
        bundle["id"] = "s1";
        var array = bundle["entry"]!.AsArray();
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Mode is { } mode) array[i]!["search"] = new JsonObject { ["mode"] = mode };
        }
        if (total is not null) bundle["total"] = total;
        var links = new JsonArray(new JsonObject { ["relation"] = "self", ["url"] = "https://ehr.example.org/fhir/Observation?patient=p1" });
        if (next) links.Add(new JsonObject { ["relation"] = "next", ["url"] = "https://ehr.example.org/fhir/Observation?patient=p1&page=2" });
        bundle["link"] = links;
        return bundle;
    }

    [Fact]
    public void Read_SearchsetWithNextLink_WarnsItIsPageOneOfALongerSearch()
    {
        var result = TestJson.Read(Searchset(null, next: true,
            (TestJson.Observation("o1", "Patient/p1"), "match"), (TestJson.Patient("p1"), "include")));

        var warning = Assert.Single(result.Warnings);
        Assert.StartsWith("Bundle/s1: page 1 of a longer search", warning, StringComparison.Ordinal);
        Assert.Contains("1 matching entries", warning, StringComparison.Ordinal);
        Assert.Contains(warning, TestJson.Single(result).ReadWarnings);
    }

    [Fact]
    public void Read_SearchsetTotalAboveItsMatches_NamesBothCounts()
    {
        var result = TestJson.Read(Searchset(5, next: false,
            (TestJson.Observation("o1", "Patient/p1"), "match"), (TestJson.Observation("o2", "Patient/p1"), null),
            (TestJson.Patient("p1"), "include")));

        Assert.Equal(["Bundle/s1: the searchset total is 5 but it holds 2 matching entries (page 1 of a longer search?); the record may be incomplete"],
            result.Warnings);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void Read_IncludeAndOutcomeEntries_AreNotCountedAgainstTheTotal(int total, bool warned)
    {
        var outcome = new JsonObject { ["resourceType"] = "OperationOutcome", ["issue"] = new JsonArray() };
        var result = TestJson.Read(Searchset(total, next: false,
            (TestJson.Observation("o1", "Patient/p1"), "match"), (TestJson.Observation("o2", "Patient/p1"), null),
            (TestJson.Patient("p1"), "include"), (outcome, "outcome")));

        Assert.Equal(warned, result.Warnings.Any(w => w.Contains($"total is {total} but it holds 2 matching entries", StringComparison.Ordinal)));
        // The empty OperationOutcome draws Firely's own warnings about it; only the searchset ones count here.
        Assert.Equal(warned ? 1 : 0, result.Warnings.Count(w => w.Contains("searchset", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("collection", false)]
    [InlineData("searchset", true)]
    public void Read_TotalThatDisagrees_IsWarnedAboutOnlyInASearchset(string type, bool warned)
    {
        var bundle = TestJson.Bundle(type, (null, TestJson.Patient("p1")));
        bundle["total"] = 7;

        Assert.Equal(warned, TestJson.Read(bundle).Warnings.Any(w => w.Contains("the searchset total is 7", StringComparison.Ordinal)));
    }
}
