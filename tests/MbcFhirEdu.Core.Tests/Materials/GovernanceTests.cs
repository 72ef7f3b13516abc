using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Core.Tests.Materials;

/// <summary>Issue 17 item 4: status, reviewer, review dates and public sources in the front matter.</summary>
public sealed class GovernanceTests
{
    private static MaterialParseResult Parse(MaterialText text) => MaterialParser.Parse(text.Path, text.ToString());

    private static ContentProblem Single(MaterialText text, string field) =>
        Assert.Single(Parse(text).Problems, p => p.Field == field);

    [Fact]
    public void Parse_DraftWithEmptyReviewFields_IsFine()
    {
        var result = Parse(new MaterialText { Status = "draft", ReviewedBy = "\"\"", ReviewedOn = "\"\"", ReviewDue = "\"\"" });

        Assert.Empty(result.Problems);
        Assert.Equal(MaterialStatus.Draft, result.Material!.Status);
        Assert.Equal("", result.Material.ReviewedBy);
        Assert.Null(result.Material.ReviewedOn);
        Assert.Null(result.Material.ReviewDue);
    }

    [Fact]
    public void Parse_Retired_IsRead() =>
        Assert.Equal(MaterialStatus.Retired, Parse(new MaterialText { Status = "retired" }).Material!.Status);

    [Fact]
    public void Parse_UnknownStatus_IsAProblem() =>
        Assert.Contains("draft, approved or retired", Single(new MaterialText { Status = "published" }, "status").Message);

    [Fact]
    public void Parse_MissingStatus_IsAProblem()
    {
        var text = new MaterialText().ToString().Replace("status: approved\n", "", StringComparison.Ordinal);

        Assert.Contains("required", Assert.Single(MaterialParser.Parse("en/coping-and-support.md", text).Problems, p => p.Field == "status").Message);
    }

    [Theory]
    [InlineData("reviewedBy")]
    [InlineData("reviewedOn")]
    [InlineData("reviewDue")]
    public void Parse_ApprovedWithoutAReviewField_NamesTheField(string field)
    {
        var text = field switch
        {
            "reviewedBy" => new MaterialText { ReviewedBy = "\"\"" },
            "reviewedOn" => new MaterialText { ReviewedOn = "\"\"", ReviewDue = "\"\"" },
            _ => new MaterialText { ReviewDue = "\"\"" },
        };

        Assert.Contains("required when status is approved", Single(text, field).Message);
    }

    [Fact]
    public void Parse_ReviewDueBeforeReviewedOn_IsAProblem() =>
        Assert.Contains("must come after reviewedOn", Single(new MaterialText { ReviewDue = "2026-11-01" }, "reviewDue").Message);

    [Fact]
    public void Parse_ReviewDueMoreThanTwoYearsLater_IsAProblem() =>
        Assert.Contains("2028-11-22", Single(new MaterialText { ReviewDue = "2028-11-23" }, "reviewDue").Message);

    [Fact]
    public void Parse_ReviewDueExactlyTwoYearsLater_IsFine() =>
        Assert.Empty(Parse(new MaterialText { ReviewDue = "2028-11-22" }).Problems);

    [Fact]
    public void Parse_ReviewDateNotADate_IsAProblem() =>
        Assert.Contains("YYYY-MM-DD", Single(new MaterialText { ReviewedOn = "22/11/2026" }, "reviewedOn").Message);

    [Theory]
    [InlineData("\"Seed 004 (shared/seeds/004_9be704014d245fc2.txt)\"", "seed file")]
    [InlineData("\"Seeds 000 and 002 (shared/seeds/000_cc555dae4d2fa1ca.txt, shared/seeds/002_bb4f3519fe2f138b.txt)\"", "seed file")]
    [InlineData("\"National Cancer Institute (http://www.cancer.gov)\"", "https://")]
    [InlineData("\"National Cancer Institute (cancer.gov)\"", "https://")]
    [InlineData("\"National Cancer Institute\"", "https URL in brackets")]
    public void Parse_SourceThatIsNotAPublicTitleAndHttpsUrl_IsAProblem(string source, string expected) =>
        Assert.Contains(expected, Single(new MaterialText { Source = source }, "sources").Message);

    [Theory]
    [InlineData("reviewed", "2026-11-22", "reviewedOn")]
    [InlineData("core", "true", "Spanish version")]
    public void Parse_RetiredKey_SaysWhatReplacedIt(string key, string value, string expected) =>
        Assert.Contains(expected, Single(new MaterialText { Extra = $"{key}: {value}" }, key).Message);
}
