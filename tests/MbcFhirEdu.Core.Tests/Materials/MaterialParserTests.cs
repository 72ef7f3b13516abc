using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Core.Tests.Materials;

public sealed class MaterialParserTests
{
    private static MaterialParseResult Parse(MaterialText text) => MaterialParser.Parse(text.Path, text.ToString());

    private static ContentProblem Single(MaterialParseResult result, string field) =>
        Assert.Single(result.Problems, p => p.Field == field);

    [Fact]
    public void Parse_ValidFile_ReadsEveryField()
    {
        var result = Parse(new MaterialText
        {
            Id = "variant-akt1-pten",
            Topics = "[variant:AKT1, variant:PTEN]",
            Requires = "[stage:iv]",
            RequiresAny = "[variant:AKT1, variant:PTEN]",
            Priority = "40",
            Urgent = "false",
        });

        Assert.Empty(result.Problems);
        var m = Assert.IsType<Material>(result.Material);
        Assert.Equal("variant-akt1-pten", m.Id);
        Assert.Equal("en", m.Language);
        Assert.Equal("Support", m.Title);
        Assert.Equal("Help for you.", m.Summary);
        Assert.Equal(["variant:AKT1", "variant:PTEN"], m.Topics);
        Assert.Equal(["stage:iv"], m.Requires);
        Assert.Equal(["variant:AKT1", "variant:PTEN"], m.RequiresAny);
        Assert.Equal(40, m.Priority);
        Assert.False(m.Urgent);
        Assert.Equal(MaterialStatus.Approved, m.Status);
        Assert.Equal("oncology nurse educator", m.ReviewedBy);
        Assert.Equal(new DateOnly(2026, 11, 22), m.ReviewedOn);
        Assert.Equal(new DateOnly(2028, 11, 22), m.ReviewDue);
        Assert.Equal(["National Cancer Institute (https://www.cancer.gov)"], m.Sources);
        Assert.False(m.Local);
        Assert.StartsWith("## What it is", m.Body.TrimStart());
        Assert.True(m.Readability.Words > 0);
        Assert.Equal("en/variant-akt1-pten.md", m.Path);
    }

    [Fact]
    public void Parse_MissingRequiredKey_NamesFileAndField()
    {
        var text = new MaterialText().ToString().Replace("summary: Help for you.\n", "");

        var result = MaterialParser.Parse("en/coping-and-support.md", text);

        Assert.Null(result.Material);
        var problem = Single(result, "summary");
        Assert.Equal("en/coping-and-support.md", problem.File);
        Assert.Contains("required", problem.Message);
    }

    [Fact]
    public void Parse_PriorityNotANumber_ReportsFieldAndLine()
    {
        var text = new MaterialText { Priority = "high" }.ToString();

        var problem = Single(MaterialParser.Parse("en/coping-and-support.md", text), "priority");

        var expectedLine = Array.IndexOf(text.Split('\n'), "priority: high") + 1;
        Assert.Equal(expectedLine, problem.Line);
        Assert.Contains("whole number", problem.Message);
    }

    [Fact]
    public void Parse_PriorityOutOfRange_IsAProblem() =>
        Assert.Contains("between 1 and 99", Single(Parse(new MaterialText { Priority = "120" }), "priority").Message);

    [Fact]
    public void Parse_UrgentNotBoolean_IsAProblem() =>
        Assert.Contains("true or false", Single(Parse(new MaterialText { Urgent = "maybe" }), "urgent").Message);

    [Fact]
    public void Parse_YamlSyntaxError_ReportsNearestKeyAndLine()
    {
        var text = new MaterialText().ToString().Replace("title: Support", "title: Bones: [what happens");

        var result = MaterialParser.Parse("en/coping-and-support.md", text);

        Assert.Null(result.Material);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("en/coping-and-support.md", problem.File);
        Assert.Equal("title", problem.Field);
        Assert.Equal(Array.IndexOf(text.Split('\n'), "title: Bones: [what happens") + 1, problem.Line);
    }

    [Fact]
    public void Parse_TypedReadingGrade_IsAProblem() =>
        Assert.Contains("computed", Single(Parse(new MaterialText { Extra = "reading-grade: 6.1" }), "reading-grade").Message);

    [Fact]
    public void Parse_UnknownKey_IsAProblem() =>
        Assert.Contains("unknown key", Single(Parse(new MaterialText { Extra = "require: [site:bone]" }), "require").Message);

    [Theory]
    [InlineData("[site:bones]", "unknown site key")]
    [InlineData("[biomarker:her2-neg]", "not a known tag")]
    [InlineData("[variant:pik3ca]", "upper-case gene")]
    [InlineData("[stage:IV]", "not a known tag")]
    [InlineData("site:bone", "must be a list")]
    [InlineData("[]", "must not be empty")]
    public void Parse_BadTopics_AreProblems(string topics, string message) =>
        Assert.Contains(message, Single(Parse(new MaterialText { Topics = topics }), "topics").Message);

    [Theory]
    [InlineData("[sex:male]")]
    [InlineData("[site:spinal-cord, site:contralateral-breast, site:lymph-nodes]")]
    [InlineData("[biomarker:her2-low, biomarker:unknown, recurrence:distant-recurrence, variant:BRCA2]")]
    public void Parse_KnownTags_AreAccepted(string topics) =>
        Assert.Empty(Parse(new MaterialText { Topics = topics, Requires = topics }).Problems);

    [Fact]
    public void Parse_GeneralAsRequirement_IsAProblem() =>
        Assert.Contains("not a fact", Single(Parse(new MaterialText { Requires = "[general]" }), "requires").Message);

    [Fact]
    public void Parse_NoFrontMatter_IsAProblemOnLineOne()
    {
        var problem = Assert.Single(MaterialParser.Parse("en/x.md", "## What it is\n\nText.\n").Problems);

        Assert.Equal(("front-matter", 1), (problem.Field, problem.Line));
    }

    [Fact]
    public void Parse_CrLfFile_ParsesLikeLf()
    {
        var text = new MaterialText().ToString();

        var crlf = MaterialParser.Parse("en/coping-and-support.md", text.Replace("\n", "\r\n"));

        Assert.Empty(crlf.Problems);
        Assert.Equal(Parse(new MaterialText()).Material!.Readability, crlf.Material!.Readability);
    }

    [Fact]
    public void Parse_BodyLine_PointsAtTheLineAfterTheClosingDashes()
    {
        var text = new MaterialText().ToString();
        var m = MaterialParser.Parse("en/coping-and-support.md", text).Material!;

        Assert.Equal("---", text.Split('\n')[m.BodyLine - 2]);
    }
}
