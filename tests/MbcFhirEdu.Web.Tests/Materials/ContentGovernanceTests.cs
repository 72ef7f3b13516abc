using MbcFhirEdu.Core.Tests.Materials;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace MbcFhirEdu.Web.Tests.Materials;

/// <summary>
/// Issue 17 items 4 and 5 in the app: which statuses an environment shows (Production approved only, Development drafts
/// marked "Draft", retired never), and the local library of <c>Content:LocalRoot</c> (add, replace, retire, a bad file
/// stops start-up, "Local" in the clinician view).
/// </summary>
public sealed class ContentGovernanceTests : IDisposable
{
    private readonly TempLibrary builtIn = new TempLibrary()
        .Add("coping-and-support", "Coping and support", "Apoyo")
        .Add("fatigue", "Fatigue", "Cansancio", status: "draft")
        .Add("old-leaflet", "Old leaflet", "Folleto viejo", status: "retired");
    private readonly TempLibrary local = new(withUniversal: false);

    public void Dispose()
    {
        builtIn.Dispose();
        local.Dispose();
    }

    private WebAppFactory App(params (string Key, string? Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["Web:ContentRoot"] = builtIn.Root };
        foreach (var (key, value) in settings) all[key] = value;
        return WebAppFactory.With(all);
    }

    private static async Task<(int Status, string Html)> GetAsync(WebAppFactory app, string path)
    {
        using var response = await app.CreateClient().GetAsync(path);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Development_ShowsDraftsMarkedDraft_OnThePageAndInTheList()
    {
        await using var app = App();

        var (status, page) = await GetAsync(app, "/materials/en/fatigue");
        var (_, list) = await GetAsync(app, "/materials/en");
        var (_, spanish) = await GetAsync(app, "/materials/es/fatigue");

        Assert.Equal(200, status);
        Assert.Contains("badge-draft", page);
        Assert.Contains(">Draft</span>", page.Replace("> ", ">", StringComparison.Ordinal));
        Assert.Contains(">Borrador</span>", spanish.Replace("> ", ">", StringComparison.Ordinal));
        Assert.Contains("/materials/en/fatigue\">Fatigue</a><span class=\"badge badge-draft\"", list);
        Assert.DoesNotContain("/materials/en/coping-and-support\">Coping and support</a><span", list);
    }

    [Fact]
    public async Task IncludeDraftsOff_ShowsOnlyApproved()
    {
        await using var app = App(("Content:IncludeDrafts", "false"));

        var (status, _) = await GetAsync(app, "/materials/en/fatigue");
        var (_, list) = await GetAsync(app, "/materials/en");

        Assert.Equal(404, status);
        Assert.DoesNotContain("fatigue", list);
        Assert.DoesNotContain("badge-draft", list);
        Assert.Contains("coping-and-support", list);
    }

    [Fact]
    public async Task Retired_IsNeverShown()
    {
        await using var app = App(("Content:IncludeDrafts", "true"));

        var (status, _) = await GetAsync(app, "/materials/en/old-leaflet");
        var (_, list) = await GetAsync(app, "/materials/en");

        Assert.Equal(404, status);
        Assert.DoesNotContain("old-leaflet", list);
    }

    [Theory]
    [InlineData("Production", false)]
    [InlineData("Staging", false)]
    [InlineData("Development", true)]
    public void IncludeDraftsUnset_FollowsTheEnvironment(string environment, bool expected) =>
        Assert.Equal(expected, new ContentOptions().ShowsDrafts(new HostingEnvironment { EnvironmentName = environment }));

    [Fact]
    public async Task LocalLibrary_AddsReplacesAndRetires()
    {
        local.Add("our-support-groups", "Our support groups", "Nuestros grupos de apoyo")
            .Add("coping-and-support", "Coping at our centre", "Apoyo en nuestro centro")
            .Add("fatigue", "Fatigue", "Cansancio", status: "retired");
        await using var app = App(("Content:LocalRoot", local.Root), ("Content:IncludeDrafts", "true"));

        var (added, addedPage) = await GetAsync(app, "/materials/en/our-support-groups");
        var (_, replaced) = await GetAsync(app, "/materials/en/coping-and-support");
        var (retired, _) = await GetAsync(app, "/materials/en/fatigue");

        Assert.Equal(200, added);
        Assert.Contains("Our support groups", addedPage);
        Assert.Contains("<h1>Coping at our centre", replaced);
        Assert.Equal(404, retired);
    }

    [Fact]
    public async Task LocalLibrary_BadFile_StopsStartUpNamingFileAndField()
    {
        local.Add("our-support-groups", "Our support groups", "Nuestros grupos de apoyo")
            .Write(new MaterialText { Id = "our-support-groups", Status = "published" });
        await using var app = App(("Content:LocalRoot", local.Root));

        var e = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        var file = Path.Combine(local.Root, "en", "our-support-groups.md").Replace('\\', '/');
        var line = Assert.Single(e.Failures, f => f.Contains(file, StringComparison.Ordinal));
        Assert.Contains(": status: 'published' must be draft, approved or retired", line);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public async Task LocalLibrary_MissingFolder_StopsStartUp()
    {
        await using var app = App(("Content:LocalRoot", Path.Combine(local.Root, "nope")));

        var e = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains(e.Failures, f => f.StartsWith("Content:LocalRoot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClinicianView_MarksLocalMaterials_AndThePatientViewDoesNot()
    {
        local.Add("our-support-groups", "Our support groups", "Nuestros grupos de apoyo");
        await using var app = App(("Content:LocalRoot", local.Root));

        var clinician = await Launches.AsClinicianAsync(app.NewBrowser(), "her2-positive-brain");
        var patient = await Launches.AsPatientAsync(app.NewBrowser(), "her2-positive-brain");

        Assert.Contains("our-support-groups", Html.MaterialIds(clinician));
        Assert.Equal(1, Html.Count(clinician, "badge-local"));
        Assert.Contains("our-support-groups", Html.MaterialIds(patient));
        Assert.DoesNotContain("badge-local", patient);
    }
}
