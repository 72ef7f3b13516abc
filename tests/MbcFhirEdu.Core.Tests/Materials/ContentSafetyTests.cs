using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Core.Tests.Materials;

/// <summary>The safety rules of issue 13 in <c>mbcedu content check</c>: fever wording, the spread gate, the universal urgent material.</summary>
public sealed class ContentSafetyTests : IDisposable
{
    private readonly TempContentRoot content = new();

    public void Dispose() => content.Dispose();

    private static readonly MaterialText Hr = new()
    {
        Id = "hr-positive",
        Topics = "[biomarker:hr-positive]",
        Requires = "[biomarker:hr-positive, stage:iv]",
        Priority = "20",
    };

    /// <summary>Checks these materials in a library that also has the universal material in English and Spanish.</summary>
    private IReadOnlyList<ContentProblem> Check(params MaterialText[] materials)
    {
        content.WriteLibrary([MaterialText.Universal("en"), MaterialText.Universal("es"), .. materials]);
        return CheckExactly();
    }

    private IReadOnlyList<ContentProblem> CheckExactly(params MaterialText[] materials)
    {
        foreach (var m in materials)
        {
            content.Write(m.Path, m.ToString());
        }
        return ContentChecker.Check(content.Root, SeedIndex.FromTexts(["A seed text that nobody copied into the library at all."]));
    }

    private static string WithLine(string body, string line) =>
        body.Replace("Call if you feel very sick.", line).Replace("Llame si tiene dolor.", line);

    [Fact]
    public void Check_LibraryWithTheUniversalMaterial_IsClean() => Assert.Empty(Check(Hr));

    [Fact]
    public void Fever_WithoutTheRightAwayWording_IsAProblem()
    {
        var problems = Check(Hr with { Body = WithLine(MaterialText.EnglishBody, "Call if you have a fever.") });

        Assert.Equal(2, problems.Count(p => p is { File: "en/hr-positive.md", Field: "fever" }));
        Assert.Contains(problems, p => p.Message.Contains("100.4 °F") && p.Line is not null);
        Assert.Contains(problems, p => p.Message.Contains("day or night"));
    }

    [Theory]
    [InlineData("Call right away, day or night, for a fever of 100.4 °F or higher.")]
    [InlineData("Call right away, day or night, for a fever of 100.4\u00a0°F or higher.")]
    public void Fever_WithTheRightAwayWording_IsFine(string line) =>
        Assert.Empty(Check(Hr with { Body = WithLine(MaterialText.EnglishBody, line) }));

    [Fact]
    public void Fiebre_WithoutTheSpanishWording_IsAProblem()
    {
        var spanish = Hr with { Language = "es", Body = WithLine(MaterialText.SpanishBody, "Llame si tiene fiebre de 38 grados.") };

        var problems = Check(Hr, spanish);

        Assert.Equal(2, problems.Count(p => p is { File: "es/hr-positive.md", Field: "fever" }));
        Assert.Contains(problems, p => p.Message.Contains("38.0 °C"));
        Assert.Contains(problems, p => p.Message.Contains("de día o de noche"));
    }

    [Fact]
    public void Fiebre_WithTheSpanishWording_IsFine()
    {
        var spanish = Hr with { Language = "es", Body = WithLine(MaterialText.SpanishBody, "Llame de día o de noche si tiene fiebre de 38.0 °C o más.") };

        Assert.Empty(Check(Hr, spanish));
    }

    [Theory]
    [InlineData("**Call your care team the same day if you have:**\n\n- A cough\n- A fever")]
    [InlineData("### Call the same day\n\n- A cough\n\nA fever is one of them.")]
    [InlineData("- Call the same day for a fever")]
    public void Fever_UnderSameDay_IsAProblemOnItsLine(string block)
    {
        var body = WithLine(MaterialText.EnglishBody, "Call right away, day or night, for a fever of 100.4 °F or higher.\n\n" + block);

        var problem = Assert.Single(Check(Hr with { Body = body }));

        Assert.Equal(("en/hr-positive.md", "fever"), (problem.File, problem.Field));
        Assert.Contains("same day", problem.Message);
        Assert.NotNull(problem.Line);
    }

    [Fact]
    public void Fever_AfterTheSameDayListEnds_IsFine()
    {
        var body = WithLine(MaterialText.EnglishBody,
            "**Call the same day if you have:**\n\n- A cough\n\n**Call right away, day or night, if you have:**\n\n- A fever of 100.4 °F or higher");

        Assert.Empty(Check(Hr with { Body = body }));
    }

    [Fact]
    public void Fiebre_UnderMismoDia_IsAProblem()
    {
        var spanish = Hr with
        {
            Language = "es",
            Body = WithLine(MaterialText.SpanishBody, "Llame de día o de noche si tiene fiebre de 38.0 °C o más.\n\n**Llame el mismo día si tiene:**\n\n- Fiebre"),
        };

        Assert.Contains(Check(Hr, spanish), p => p is { File: "es/hr-positive.md", Field: "fever" } && p.Message.Contains("mismo día"));
    }

    [Theory]
    [InlineData("Living with metastatic breast cancer is hard.")]
    [InlineData("The cancer has spread to the bones.")]
    [InlineData("Stage IV means the cancer is in far parts of the body.")]
    public void Spread_InAMaterialForAnyStage_MustBeGated(string line)
    {
        var coping = new MaterialText { Body = WithLine(MaterialText.EnglishBody, line) };

        var problem = Assert.Single(Check(coping));

        Assert.Equal(("en/coping-and-support.md", "requires"), (problem.File, problem.Field));
        Assert.Contains("stage:iv", problem.Message);
    }

    [Theory]
    [InlineData("El cáncer se ha extendido a los huesos.")]
    [InlineData("Si el cáncer se extiende, su equipo puede hablar de cáncer de mama metastásico.")]
    [InlineData("Vivir con cáncer de mama metastásico es difícil.")]
    public void Spread_InASpanishMaterialForAnyStage_MustBeGated(string line)
    {
        var coping = new MaterialText();
        var spanish = coping with { Language = "es", Body = WithLine(MaterialText.SpanishBody, line) };

        Assert.Contains(Check(coping, spanish), p => p is { File: "es/coping-and-support.md", Field: "requires" });
    }

    [Fact]
    public void Spread_InTheTitle_MustBeGated()
    {
        var text = new MaterialText().ToString().Replace("title: Support", "title: Support in metastatic breast cancer");
        content.Write("en/coping-and-support.md", text);

        Assert.Contains(Check(), p => p is { File: "en/coping-and-support.md", Field: "requires" } && p.Message.Contains("metastatic"));
    }

    [Theory]
    [InlineData("[stage:iv]")]
    [InlineData("[site:bone]")]
    [InlineData("[recurrence:de-novo]")]
    public void Spread_InAGatedMaterial_IsFine(string requires)
    {
        var coping = new MaterialText { Requires = requires, Body = WithLine(MaterialText.EnglishBody, "The cancer has spread to the bones.") };

        Assert.Empty(Check(coping));
    }

    [Theory]
    [InlineData("A rash that spreads fast is a reason to call.")]
    [InlineData("If the cancer grows or spreads, your team may test a new sample.")]
    [InlineData("- [Genomic tests](https://www.cancer.net/cancer-types/breast-cancer-metastatic)")]
    public void Spread_NotAboutTheCancer_IsNotWording(string line) =>
        Assert.Empty(Check(new MaterialText { Body = WithLine(MaterialText.EnglishBody, line) }));

    [Fact]
    public void Universal_MissingInOneLanguage_IsALibraryProblem()
    {
        var problems = CheckExactly(MaterialText.Universal("en"), new MaterialText(), new MaterialText { Language = "es" });

        Assert.Contains(problems, p => p is { File: "es/", Field: "urgent" } && p.Message.Contains("urgent:any-metastatic"));
        Assert.DoesNotContain(problems, p => p.File == "en/");
    }

    [Fact]
    public void Universal_NotUrgent_IsAProblem()
    {
        // Not urgent, it falls to the general group, behind the HR-positive page of an HR-positive profile.
        var problems = Check(MaterialText.Universal("en") with { Urgent = "false" }, MaterialText.Universal("es") with { Urgent = "false" }, Hr);

        Assert.Contains(problems, p => p is { File: "en/signs-that-need-help-now.md", Field: "urgent" });
        Assert.Contains(problems, p => p is { File: "en/", Field: "urgent" } && p.Message.Contains("first"));
    }

    [Fact]
    public void Universal_WithAnExtraRequirement_IsAProblemAndMissesMetastaticProfiles()
    {
        var narrow = MaterialText.Universal("en") with { Requires = "[urgent:any-metastatic, site:bone]" };

        var problems = Check(narrow, narrow with { Language = "es" });

        Assert.Contains(problems, p => p is { File: "en/signs-that-need-help-now.md", Field: "requires" });
        Assert.Contains(problems, p => p is { File: "en/", Field: "urgent" } && p.Message.Contains("spread to adrenal"));
    }

    [Fact]
    public void ErLow_AfterHrPositive_IsAPriorityProblem()
    {
        var erLow = new MaterialText { Id = "er-low", Topics = "[biomarker:er-low]", Requires = "[biomarker:er-low, stage:iv]", Priority = "30" };

        Assert.Contains(Check(Hr, erLow), p => p is { File: "en/", Field: "priority" } && p.Message.Contains("'er-low'"));
        Assert.DoesNotContain(Check(Hr, erLow with { Priority = "19" }), p => p.Field == "priority");
    }
}
