using MbcFhirEdu.Core.Materials;

namespace MbcFhirEdu.Core.Tests.Materials;

public sealed class MaterialRendererTests
{
    private readonly MaterialRenderer renderer = new();

    [Fact]
    public void ToHtml_RawHtmlAndScript_AreEscaped()
    {
        var html = renderer.ToHtml("Hello <script>alert(1)</script> there.\n\n<div onclick=\"x()\">block</div>\n", "en");

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<div", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&lt;div onclick=", html);
    }

    [Fact]
    public void ToHtml_InternalLink_PointsAtTheMaterialPage()
    {
        var html = renderer.ToHtml("See [bones](bone-metastases.md).", "es");

        Assert.Contains("<a href=\"/materials/es/bone-metastases\">bones</a>", html);
    }

    [Fact]
    public void ToHtml_LinkBase_IsConfigurable() =>
        Assert.Contains("href=\"/portal/materials/en/x\"", new MaterialRenderer("/portal/materials/").ToHtml("[x](x.md)", "en"));

    [Fact]
    public void ToHtml_ExternalLink_GetsNoopenerNoreferrer()
    {
        var html = renderer.ToHtml("[NCI](https://www.cancer.gov) and <https://www.cancer.net>", "en");

        Assert.Contains("<a href=\"https://www.cancer.gov\" rel=\"noopener noreferrer\">NCI</a>", html);
        Assert.Contains("<a href=\"https://www.cancer.net\" rel=\"noopener noreferrer\">https://www.cancer.net</a>", html);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](http://example.org)")]
    [InlineData("[click](../secret.md)")]
    public void ToHtml_UnsafeLink_KeepsOnlyItsText(string markdown)
    {
        var html = renderer.ToHtml(markdown, "en");

        Assert.DoesNotContain("<a", html);
        Assert.Equal("<p>click</p>", html.Trim());
    }

    [Fact]
    public void ToHtml_Print_WritesExternalAddressesAfterTheLinkText()
    {
        var html = renderer.ToHtml("Read [NCI](https://www.cancer.gov/types) and [bones](bone-metastases.md).", "en", RenderMode.Print);

        Assert.Contains("NCI</a> (https://www.cancer.gov/types)", html);
        Assert.DoesNotContain("bones</a> (", html);
    }

    [Fact]
    public void ToHtml_Material_UsesItsBodyAndLanguage()
    {
        var material = MaterialParser.Parse("es/coping-and-support.md", new MaterialText { Language = "es", Body = "## Qué es\n\nVea [huesos](bone-metastases.md).\n" }.ToString()).Material!;

        var html = renderer.ToHtml(material);

        Assert.Contains("<h2>Qué es</h2>", html);
        Assert.Contains("href=\"/materials/es/bone-metastases\"", html);
    }
}
