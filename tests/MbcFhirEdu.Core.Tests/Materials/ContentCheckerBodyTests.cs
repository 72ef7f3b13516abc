using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Core.Tests.Materials;

/// <summary>Body rules of <c>mbcedu content check</c>: sections, links, reading level, copied seed text.</summary>
public sealed class ContentCheckerBodyTests : IDisposable
{
    private const string Seed = "Breast cancer that spreads to the bones can cause pain and fractures in some people.";
    private readonly TempContentRoot content = new();

    public void Dispose() => content.Dispose();

    private static readonly MaterialText General = new() { Body = Without(MaterialText.EnglishBody, "What you may notice", "When to call your care team right away") };
    private static readonly MaterialText Bone = new() { Id = "bone-metastases", Topics = "[site:bone]", Requires = "[site:bone]" };

    private IReadOnlyList<ContentProblem> Check(params MaterialText[] materials)
    {
        content.WriteLibrary(materials.Prepend(MaterialText.Universal("en")).Prepend(MaterialText.Universal("es")));
        return ContentChecker.Check(content.Root, SeedIndex.FromTexts([Seed]));
    }

    private static ContentProblem Only(IReadOnlyList<ContentProblem> problems, string field)
    {
        Assert.Single(problems);
        Assert.Equal(field, problems[0].Field);
        return problems[0];
    }

    /// <summary>Removes a section (heading and its paragraph) from a body.</summary>
    private static string Without(string body, params string[] headings)
    {
        var blocks = body.Split("\n\n").ToList();
        foreach (var heading in headings)
        {
            var index = blocks.IndexOf("## " + heading);
            blocks.RemoveRange(index, 2);
        }
        return string.Join("\n\n", blocks);
    }

    [Fact]
    public void Check_GeneralMaterialWithoutOptionalSections_IsFine() => Assert.Empty(Check(General));

    [Fact]
    public void Check_SiteMaterialWithoutWhatYouMayNotice_IsAProblem() =>
        Assert.Contains("'## What you may notice'", Only(Check(Bone with { Body = Without(MaterialText.EnglishBody, "What you may notice") }), "sections").Message);

    [Fact]
    public void Check_UrgentGeneralMaterialWithoutWhenToCall_IsAProblem() =>
        Assert.Contains("'## When to call your care team right away'", Only(Check(General with { Urgent = "true" }), "sections").Message);

    [Fact]
    public void Check_SectionsOutOfOrder_IsAProblem()
    {
        var body = General.Body!.Replace("## What it is", "## TEMP").Replace("## Questions to ask", "## What it is").Replace("## TEMP", "## Questions to ask");

        Assert.Contains("must come before", Only(Check(General with { Body = body }), "sections").Message);
    }

    [Fact]
    public void Check_UnknownSectionHeading_IsAProblemWithItsLine()
    {
        var problem = Only(Check(General with { Body = General.Body + "\n\n## Extra things\n\nMore text.\n" }), "sections");

        Assert.Contains("unknown section '## Extra things'", problem.Message);
        var lines = File.ReadAllLines(Path.Combine(content.Root, "en/coping-and-support.md"));
        Assert.Equal("## Extra things", lines[problem.Line!.Value - 1]);
    }

    [Fact]
    public void Check_EnglishHeadingInSpanishFile_SaysWhichHeadingToUse()
    {
        var es = new MaterialText { Language = "es", Body = MaterialText.SpanishBody.Replace("## Qué es", "## What it is") };

        var problems = Check(new MaterialText(), es);

        Assert.Contains(problems, p => p.Field == "sections" && p.Message.Contains("here write '## Qué es'"));
    }

    [Fact]
    public void Check_LinkToMissingMaterial_IsAProblem() =>
        Assert.Contains("no English material en/liver-metastases.md", Only(Check(General with { Body = General.Body + "\n- [Liver](liver-metastases.md)\n" }), "links").Message);

    [Fact]
    public void Check_SpanishLinkToEnglishOnlyMaterial_Resolves() =>
        Assert.Empty(Check(General, Bone, new MaterialText { Language = "es", Body = MaterialText.SpanishBody + "\n- [Huesos](bone-metastases.md)\n" }));

    [Theory]
    [InlineData("http://www.cancer.gov")]
    [InlineData("../en/bone-metastases.md")]
    [InlineData("javascript:alert(1)")]
    public void Check_LinkThatIsNeitherHttpsNorAMaterial_IsAProblem(string url) =>
        Assert.Contains("https://", Only(Check(General with { Body = General.Body + $"\n- [Out]({url})\n" }), "links").Message);

    [Fact]
    public void Check_EnglishGradeAboveEight_IsAProblem()
    {
        var hard = General with { Body = General.Body!.Replace("This is a short note. It is easy to read.", "Your oncologist evaluates metastatic progression using radiological examinations and laboratory investigations regularly.") };

        var problems = Check(hard);

        Assert.Contains(problems, p => p is { File: "en/coping-and-support.md", Field: "reading-grade" } && p.Message.Contains("grade 19.53 is above 8"));
    }

    [Fact]
    public void Check_EnglishAverageAboveSeven_IsALibraryProblem()
    {
        // 7.14 each (per the Python script): every file passes, the average does not.
        var body = MaterialText.EnglishBody.Replace("This is a short note. It is easy to read.", "Your oncologist evaluates metastatic progression using imaging examinations.");

        // The universal warning-signs material every library needs is written at the same grade.
        var problem = Only(Check(Bone with { Body = body }, Bone with { Id = "liver-metastases", Topics = "[site:liver]", Requires = "[site:liver]", Body = body },
            MaterialText.Universal("en") with { Body = body }), "reading-grade");

        Assert.Equal("en/", problem.File);
        Assert.Contains("7.14", problem.Message);
    }

    [Fact]
    public void Check_SpanishScoreBelowSixty_IsAProblem()
    {
        var hard = new MaterialText
        {
            Language = "es",
            Body = MaterialText.SpanishBody.Replace("Esta es una nota corta. Se lee fácil.",
                "Su oncólogo evaluará periódicamente la progresión metastásica utilizando exploraciones radiológicas complementarias, investigaciones inmunohistoquímicas y determinaciones bioquímicas especializadas."),
        };

        Assert.Contains(Check(new MaterialText(), hard), p => p is { File: "es/coping-and-support.md", Field: "reading-grade" } && p.Message.Contains("Fernández-Huerta"));
    }

    [Fact]
    public void Check_RunCopiedFromSeeds_ReportsTheRun()
    {
        // Gated on spread, as the spread wording requires, so the copied run is the only problem.
        var copied = General with { Requires = "[stage:iv]", Body = General.Body!.Replace("It is easy to read.", "Breast cancer that spreads to the bones can cause pain.") };

        var problem = Only(Check(copied), "seeds");

        Assert.Contains("\"breast cancer that spreads to the bones can cause pain\"", problem.Message);
        Assert.NotNull(problem.Line);
    }
}
