using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Core.Tests.Materials;

/// <summary>
/// Issue 17 items 4 and 5: what an environment shows (approved; drafts in Development; never retired) and a
/// deploying organisation's local library laid over the built-in one (add, replace by id, retire).
/// </summary>
public sealed class LocalLibraryTests : IDisposable
{
    private readonly TempContentRoot builtIn = new();
    private readonly TempContentRoot local = new();

    public void Dispose()
    {
        builtIn.Dispose();
        local.Dispose();
    }

    private static readonly MaterialText Bone = new() { Id = "bone-metastases", Topics = "[site:bone]", Requires = "[site:bone]", Priority = "20" };
    private static readonly MaterialText Coping = new();

    private TempContentRoot BuiltIn(params MaterialText[] extra) =>
        builtIn.WriteLibrary([MaterialText.Universal("en"), MaterialText.Universal("es"), Coping, Bone, .. extra]);

    private static MaterialCatalog Load(string root, string? localRoot = null)
    {
        var load = MaterialCatalog.Load(root, localRoot);
        Assert.Empty(load.Problems);
        return load.Catalog;
    }

    [Fact]
    public void Showing_WithoutDrafts_KeepsOnlyApproved()
    {
        BuiltIn(new MaterialText { Id = "fatigue", Status = "draft" }, new MaterialText { Id = "old-page", Status = "retired" });
        var catalog = Load(builtIn.Root);

        var production = catalog.Showing(includeDrafts: false);
        var development = catalog.Showing(includeDrafts: true);

        Assert.Contains("fatigue", catalog.Ids);
        Assert.DoesNotContain("fatigue", production.Ids);
        Assert.Contains("fatigue", development.Ids);
        Assert.Equal(MaterialStatus.Draft, development.Find("fatigue", "en")!.Status);
        Assert.DoesNotContain("old-page", production.Ids);
        Assert.DoesNotContain("old-page", development.Ids);
        Assert.Contains("bone-metastases", production.Ids);
    }

    [Fact]
    public void Showing_SpanishDraftOfAnApprovedOriginal_FallsBackToEnglishInProduction()
    {
        builtIn.Write("es/bone-metastases.md", (Bone.SpanishTwin() with { Status = "draft" }).ToString());
        var catalog = Load(BuiltIn().Root).Showing(includeDrafts: false);

        Assert.Equal("en", catalog.FindWithFallback("bone-metastases", "es")!.Language);
    }

    [Fact]
    public void Load_LocalMaterialWithANewId_IsAddedAndMarkedLocal()
    {
        BuiltIn();
        local.WriteLibrary([new MaterialText { Id = "our-support-groups" }]);

        var catalog = Load(builtIn.Root, local.Root);

        Assert.True(catalog.Find("our-support-groups", "en")!.Local);
        Assert.True(catalog.Find("our-support-groups", "es")!.Local);
        Assert.False(catalog.Find("bone-metastases", "en")!.Local);
    }

    [Fact]
    public void Load_LocalMaterialWithABuiltInId_ReplacesIt()
    {
        BuiltIn();
        local.Write("en/bone-metastases.md", Bone.ToString().Replace("title: Support", "title: Bone care at our centre", StringComparison.Ordinal));

        var catalog = Load(builtIn.Root, local.Root);

        Assert.Equal("Bone care at our centre", catalog.Find("bone-metastases", "en")!.Title);
        Assert.True(catalog.Find("bone-metastases", "en")!.Local);
        Assert.False(catalog.Find("bone-metastases", "es")!.Local);
    }

    [Fact]
    public void Load_LocalRetiredMaterial_RetiresTheBuiltInOneInEveryEnvironment()
    {
        BuiltIn();
        local.WriteLibrary([Bone with { Status = "retired" }]);

        var catalog = Load(builtIn.Root, local.Root);

        Assert.DoesNotContain("bone-metastases", catalog.Showing(includeDrafts: true).Ids);
        Assert.Empty(ContentChecker.Check(builtIn.Root, seeds: null, local.Root));
    }

    [Fact]
    public void Check_LocalRetiredEnglishWithoutItsTranslation_IsAProblem()
    {
        BuiltIn();
        local.Write("en/bone-metastases.md", (Bone with { Status = "retired" }).ToString());

        var problem = Assert.Single(ContentChecker.Check(builtIn.Root, seeds: null, local.Root));

        Assert.Equal(("es/bone-metastases.md", "status"), (problem.File, problem.Field));
    }

    [Fact]
    public void Check_BadLocalFile_NamesTheLocalFileAndField()
    {
        BuiltIn();
        local.WriteLibrary([new MaterialText { Id = "our-support-groups", Status = "approved", ReviewedBy = "\"\"" }]);

        var problems = ContentChecker.Check(builtIn.Root, seeds: null, local.Root);

        Assert.Contains(problems, p => p.File == Path.Combine(local.Root, "en/our-support-groups.md").Replace('\\', '/') && p.Field == "reviewedBy");
        Assert.DoesNotContain(problems, p => p.File.StartsWith("en/", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_BuiltInLibraryWithoutALocalOne_IsClean() =>
        Assert.Empty(ContentChecker.Check(BuiltIn().Root, seeds: null));

    [Fact]
    public void Load_WritersNotesInALanguageFolder_AreNotMaterials()
    {
        BuiltIn().Write("es/GLOSSARY.md", "# Glosario\n\nPalabras que usamos.\n");

        Assert.DoesNotContain(MaterialCatalog.Load(builtIn.Root).Problems, p => p.File.Contains("GLOSSARY", StringComparison.Ordinal));
        Assert.Empty(ContentChecker.Check(builtIn.Root, seeds: null));
    }
}
