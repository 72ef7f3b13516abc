using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Core.Tests.Materials;

public sealed class MaterialCatalogTests : IDisposable
{
    private readonly TempContentRoot content = new();

    public void Dispose() => content.Dispose();

    [Fact]
    public void Load_ReadsBothLanguagesAndFallsBackToEnglish()
    {
        content.Write("en/coping-and-support.md", new MaterialText().ToString())
            .Write("es/coping-and-support.md", new MaterialText { Language = "es" }.ToString())
            .Write("en/bone-metastases.md", new MaterialText { Id = "bone-metastases", Topics = "[site:bone]", Requires = "[site:bone]" }.ToString());

        var load = MaterialCatalog.Load(content.Root);

        Assert.Empty(load.Problems);
        Assert.Equal(["bone-metastases", "coping-and-support"], load.Catalog.Ids);
        Assert.Equal("es", load.Catalog.FindWithFallback("coping-and-support", "es")!.Language);
        Assert.Equal("en", load.Catalog.FindWithFallback("bone-metastases", "es")!.Language);
        Assert.Null(load.Catalog.Find("bone-metastases", "es"));
        Assert.Null(load.Catalog.FindWithFallback("liver-metastases", "es"));
    }

    [Fact]
    public void Load_FileWithBrokenFrontMatter_IsLeftOutAndReported()
    {
        content.Write("en/coping-and-support.md", new MaterialText().ToString())
            .Write("en/broken.md", "---\nid: broken\n---\n## What it is\n");

        var load = MaterialCatalog.Load(content.Root);

        Assert.Equal(["coping-and-support"], load.Catalog.Ids);
        Assert.Contains(load.Problems, p => p is { File: "en/broken.md", Field: "title" });
    }

    [Fact]
    public void Load_MissingRoot_Throws() =>
        Assert.Throws<DirectoryNotFoundException>(() => MaterialCatalog.Load(Path.Combine(content.Root, "nope")));

    [Fact]
    public void ReadingReport_ListsEveryMaterialWithItsLimit()
    {
        content.Write("en/coping-and-support.md", new MaterialText().ToString())
            .Write("es/coping-and-support.md", new MaterialText { Language = "es" }.ToString());

        var rows = ReadingReport.Rows(MaterialCatalog.Load(content.Root).Catalog);

        Assert.Equal(["en/coping-and-support.md", "es/coping-and-support.md"], rows.Select(r => r.Path));
        Assert.All(rows, r => Assert.True(r.WithinLimit));
        Assert.Equal(rows[0].FleschKincaidGrade, ReadingReport.EnglishAverageGrade(rows));
    }
}
