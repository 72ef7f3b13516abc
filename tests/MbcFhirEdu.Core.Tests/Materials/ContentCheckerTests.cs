using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Core.Tests.Materials;

/// <summary>Front-matter and library-wide rules of <c>mbcedu content check</c>: a clean library, then one failing case per rule.</summary>
public sealed class ContentCheckerTests : IDisposable
{
    private readonly TempContentRoot content = new();

    public void Dispose() => content.Dispose();

    private static readonly MaterialText Coping = new();
    private static readonly MaterialText CopingEs = Coping with { Language = "es" };
    private static readonly MaterialText Bone = new()
    {
        Id = "bone-metastases",
        Topics = "[site:bone]",
        Requires = "[site:bone]",
        Priority = "20",
        Body = MaterialText.EnglishBody + "\n- [Support](coping-and-support.md)\n",
    };

    private IReadOnlyList<ContentProblem> Check(params MaterialText[] materials)
    {
        content.WriteLibrary(materials.Prepend(MaterialText.Universal("en")).Prepend(MaterialText.Universal("es")));
        return ContentChecker.Check(content.Root, SeedIndex.FromTexts(["A seed text that nobody copied into the library at all."]));
    }

    private static ContentProblem Only(IReadOnlyList<ContentProblem> problems, string file, string field)
    {
        Assert.Single(problems);
        Assert.Equal((file, field), (problems[0].File, problems[0].Field));
        return problems[0];
    }

    /// <summary>The problem is there, and every other one is about the same material (its Spanish twin or its file name).</summary>
    private static ContentProblem OnlyAbout(IReadOnlyList<ContentProblem> problems, string file, string field)
    {
        var name = Path.GetFileName(file);
        Assert.All(problems, p => Assert.True(Path.GetFileName(p.File) == name, p.ToString()));
        return Assert.Single(problems, p => p.File == file && p.Field == field);
    }

    [Fact]
    public void Check_CleanLibrary_HasNoProblems() =>
        Assert.Empty(Check(Coping, CopingEs, Bone, Bone with { Language = "es", Body = MaterialText.SpanishBody + "\n- [Apoyo](coping-and-support.md)\n" }));

    [Fact]
    public void Check_FrontMatterSchemaProblem_IsReportedWithFileFieldAndLine()
    {
        var problem = OnlyAbout(Check(Coping, CopingEs, Bone with { Priority = "first" }), "en/bone-metastases.md", "priority");

        Assert.NotNull(problem.Line);
    }

    [Fact]
    public void Check_UnknownTag_IsAProblem() =>
        OnlyAbout(Check(Coping, CopingEs, Bone with { Topics = "[site:hip]" }), "en/bone-metastases.md", "topics");

    [Fact]
    public void Check_IdDiffersFromFileName_IsAProblem()
    {
        content.Write("en/bone.md", Bone.ToString());

        var problem = OnlyAbout(Check(Coping, CopingEs), "en/bone.md", "id");

        Assert.Contains("file name", problem.Message);
    }

    [Fact]
    public void Check_LanguageDiffersFromFolder_IsAProblem()
    {
        content.Write("es/bone-metastases.md", Bone.ToString());

        Assert.Contains(Check(Coping, CopingEs, Bone), p => p is { File: "es/bone-metastases.md", Field: "language" });
    }

    [Fact]
    public void Check_DuplicateIdInOneLanguage_IsReportedOnBothFiles()
    {
        content.Write("en/bone-copy.md", Bone.ToString());

        var problems = Check(Coping, CopingEs, Bone);

        Assert.Contains(problems, p => p is { File: "en/bone-copy.md", Field: "id" } && p.Message.Contains("also used by en/bone-metastases.md"));
        Assert.Contains(problems, p => p is { File: "en/bone-metastases.md", Field: "id" } && p.Message.Contains("also used by en/bone-copy.md"));
    }

    [Theory]
    [InlineData("topics")]
    [InlineData("requires")]
    [InlineData("requires-any")]
    [InlineData("priority")]
    [InlineData("urgent")]
    public void Check_TranslationDiffersFromOriginal_IsAProblem(string field)
    {
        var translation = field switch
        {
            "topics" => CopingEs with { Topics = "[general, stage:iv]" },
            "requires" => CopingEs with { Requires = "[stage:iv]" },
            "requires-any" => CopingEs with { RequiresAny = "[variant:AKT1]" },
            "priority" => CopingEs with { Priority = "60" },
            _ => CopingEs with { Urgent = "true" },
        };

        var problem = Only(Check(Coping, translation), "es/coping-and-support.md", field);

        Assert.Contains("English original", problem.Message);
    }

    [Fact]
    public void Check_TranslationTopicsInAnotherOrder_IsFine() =>
        Assert.Empty(Check(Coping with { Topics = "[general, stage:iv]" }, CopingEs with { Topics = "[stage:iv, general]" }));

    [Fact]
    public void Check_TranslationWithoutEnglishOriginal_IsAProblem() =>
        Assert.Contains("no English original", Only(Check(Coping, CopingEs, Bone with { Language = "es", Id = "liver", Body = MaterialText.SpanishBody }), "es/liver.md", "id").Message);

    [Fact]
    public void Check_EnglishMaterialWithoutSpanish_FailsNamingTheMissingFile()
    {
        content.Write(Bone.Path, Bone.ToString());

        var problem = Only(Check(Coping, CopingEs), "en/bone-metastases.md", "translation");

        Assert.Contains("es/bone-metastases.md", problem.Message);
    }

    [Fact]
    public void Check_SpanishPageLinkingToAnEnglishOnlyPage_IsAProblem()
    {
        var liver = Bone with { Id = "liver-metastases", Topics = "[site:liver]", Requires = "[site:liver]", Body = MaterialText.EnglishBody };
        content.Write(liver.Path, liver.ToString());
        var linking = Bone with { Language = "es", Body = MaterialText.SpanishBody + "\n- [Hígado](liver-metastases.md)\n" };

        var problems = Check(Coping, CopingEs, Bone, linking);

        var problem = Assert.Single(problems, p => p.Field == "links");
        Assert.Equal("es/bone-metastases.md", problem.File);
        Assert.Contains("es/liver-metastases.md", problem.Message);
    }

    [Fact]
    public void Check_MaterialOutsideLanguageFolders_IsAProblem()
    {
        content.Write("fr/coping-and-support.md", Coping.ToString());

        Only(Check(Coping, CopingEs), "fr/coping-and-support.md", "language");
    }
}
