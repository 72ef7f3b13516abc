using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using MbcFhirEdu.Core.Clinical;
using MbcFhirEdu.Core.Clinical.Codes;
using MbcFhirEdu.Core.Materials;
using MbcFhirEdu.Web.Features.Materials;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests;

/// <summary>
/// <c>/infobutton</c> for every code in the extractor's site, primary-cancer and marker tables, in English and Spanish,
/// in each response type; the parameters' errors; the deprecated form; the per-client rate limit.
/// </summary>
public sealed class InfobuttonTests(InfobuttonTests.Factory factory) : IClassFixture<InfobuttonTests.Factory>
{
    private const string Snomed = "2.16.840.1.113883.6.96";
    private const string Icd10Cm = "2.16.840.1.113883.6.90";
    private const string Loinc = "2.16.840.1.113883.6.1";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <summary>The app with a limit high enough for the hundreds of requests below.</summary>
    public sealed class Factory : IDisposable
    {
        public WebAppFactory App { get; } = WebAppFactory.With(new Dictionary<string, string?> { ["RateLimits:InfobuttonPermitLimit"] = "100000" });
        public void Dispose() => App.Dispose();
    }

    private static readonly string[] Languages = ["en", "es"];

    public static TheoryData<string, string, string, string> SiteCodes() => Cases(
        MetastasisCodes.SnomedDisorders.Entries.Select(e => (Snomed, e.Code, "site:" + e.Meaning))
            .Concat(MetastasisCodes.IcdSites.Entries.Select(e => (Icd10Cm, e.Code, "site:" + e.Meaning))));

    public static TheoryData<string, string, string, string> PrimaryCodes() => Cases(
        PrimaryCancerCodes.SnomedDisorders.Entries.Select(e => (Snomed, e.Code, Tags.StageIv))
            .Concat(PrimaryCancerCodes.IcdBreast.Entries.Select(e => (Icd10Cm, e.Code + ".911", Tags.StageIv))));

    public static TheoryData<string, string, string, string> MarkerTests() => Cases(
        MarkerCodes.Tests.Entries.Select(e => (Loinc, e.Code, e.Meaning)));

    [Theory]
    [MemberData(nameof(SiteCodes))]
    public async Task SiteDisorderCode_ListsItsSiteMaterialsInEveryResponseType(string oid, string code, string tag, string lang)
    {
        var ids = await AssertAllThreeAgreeAsync(oid, code, lang);

        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Contains(tag, Catalog.FindWithFallback(id, lang)!.Topics));
        Assert.Equal(Catalog.Ids.Where(id => Catalog.FindWithFallback(id, lang)!.Topics.Contains(tag)).Order(), ids.Order());
    }

    [Theory]
    [MemberData(nameof(PrimaryCodes))]
    public async Task PrimaryBreastCancerCode_ListsTheGeneralAndStageIvMaterials(string oid, string code, string tag, string lang)
    {
        var ids = await AssertAllThreeAgreeAsync(oid, code, lang);

        Assert.Contains("what-is-metastatic-breast-cancer", ids);
        Assert.Contains(ids, id => Catalog.FindWithFallback(id, lang)!.Topics.Contains(tag));
        Assert.DoesNotContain(ids, id => Catalog.FindWithFallback(id, lang)!.Topics.Any(t => t.StartsWith("site:", StringComparison.Ordinal)));
        Assert.DoesNotContain("men-with-breast-cancer", ids);
    }

    [Theory]
    [MemberData(nameof(MarkerTests))]
    public async Task MarkerTestCode_ListsTheBiomarkerMaterials(string oid, string code, string meaning, string lang)
    {
        var ids = await AssertAllThreeAgreeAsync(oid, code, lang);

        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Contains(Catalog.FindWithFallback(id, lang)!.Topics, t => t.StartsWith("biomarker:", StringComparison.Ordinal)));
        if (MarkerCodes.IsHer2(meaning)) Assert.Contains("her2-low", ids);
        if (MarkerCodes.IsEr(meaning) || MarkerCodes.IsPr(meaning)) Assert.Contains("hr-positive", ids);
        if (MarkerCodes.IsPdl1(meaning)) Assert.Equal(["triple-negative"], ids);
    }

    [Fact]
    public async Task AtomFeed_CarriesTheRequestAsCategoriesAndSpanishTitles()
    {
        var feed = await AtomAsync($"mainSearchCriteria.v.c=94222008&mainSearchCriteria.v.cs={Snomed}&mainSearchCriteria.v.dn=Bone%20mets&informationRecipient=PROV&informationRecipient.languageCode.c=es");

        Assert.Equal("es", feed.Attribute(XNamespace.Xml + "lang")!.Value);
        Assert.Contains("SNOMED CT 94222008 (Bone mets)", feed.Element(Atom + "subtitle")!.Value);
        var categories = feed.Elements(Atom + "category").ToDictionary(c => c.Attribute("scheme")!.Value, c => c.Attribute("term")!.Value);
        Assert.Equal("PROV", categories["informationRecipient"]);
        Assert.Equal(Snomed, categories["mainSearchCriteria.v.cs"]);
        var bone = feed.Elements(Atom + "entry").Single(e => e.Element(Atom + "link")!.Attribute("href")!.Value.EndsWith("/materials/es/bone-metastases", StringComparison.Ordinal));
        Assert.Equal("es", bone.Attribute(XNamespace.Xml + "lang")!.Value);
        Assert.Equal(Catalog.Find("bone-metastases", "es")!.Title, bone.Element(Atom + "title")!.Value);
    }

    [Fact]
    public async Task DeprecatedParameterForm_GivesTheSameAnswer()
    {
        var current = await IdsFromAtomAsync($"mainSearchCriteria.v.c=C79.31&mainSearchCriteria.v.cs={Icd10Cm}");
        var deprecated = await IdsFromAtomAsync($"mainSearchCriteria.c.c=C79.31&mainSearchCriteria.c.cs={Icd10Cm}");

        Assert.Contains("brain-metastases", current);
        Assert.Equal(current, deprecated);
    }

    [Fact]
    public async Task MaleGender_AddsTheMaterialForMen()
    {
        var ids = await IdsFromAtomAsync($"mainSearchCriteria.v.c=254837009&mainSearchCriteria.v.cs={Snomed}&patientPerson.administrativeGenderCode.c=M&age.v.v=61&age.v.u=a");

        Assert.Contains("men-with-breast-cancer", ids);
    }

    [Fact]
    public async Task UnknownCodeInAKnownSystem_IsAnEmptyFeed()
    {
        var feed = await AtomAsync($"mainSearchCriteria.v.c=38341003&mainSearchCriteria.v.cs={Snomed}");

        Assert.Empty(feed.Elements(Atom + "entry"));
    }

    public static TheoryData<string, string, string, string> SpreadCodesWithoutASite() => Cases(
        MetastasisCodes.GenericSecondary.Entries.Concat(MetastasisCodes.SiteObservations.Entries)
            .Select(e => (e.System == CodeSystems.Loinc ? Loinc : Snomed, e.Code, Tags.UrgentAnyMetastatic)));

    [Theory]
    [MemberData(nameof(SpreadCodesWithoutASite))]
    public async Task SpreadCodeNamingNoSite_ListsTheWarningSignsFirst_ThenTheGeneralMetastaticMaterials(string oid, string code, string tag, string lang)
    {
        var ids = await AssertAllThreeAgreeAsync(oid, code, lang);

        Assert.Equal("signs-that-need-help-now", ids[0]);
        Assert.Contains(tag, Catalog.FindWithFallback(ids[0], lang)!.Topics);
        Assert.Contains("what-is-metastatic-breast-cancer", ids);
        Assert.Contains("stage-iv-explained", ids);
        Assert.DoesNotContain(ids, id => Catalog.FindWithFallback(id, lang)!.Topics.Any(t => t.StartsWith("site:", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("de-DE")]
    [InlineData("zh")]
    public async Task UnsupportedLanguage_IsAnsweredInEnglish_AndTheFeedSaysSo(string lang)
    {
        var feed = await AtomAsync($"mainSearchCriteria.v.c=94222008&mainSearchCriteria.v.cs={Snomed}&informationRecipient.languageCode.c={lang}");

        Assert.Equal("en", feed.Attribute(XNamespace.Xml + "lang")?.Value);
        Assert.Contains(feed.Elements(Atom + "category"), c => c.Attribute("scheme")?.Value == "informationRecipient.languageCode.c" && c.Attribute("term")?.Value == "en");
        var links = feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "link")!.Attribute("href")!.Value).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.StartsWith($"{WebAppFactory.Origin}/materials/en/", l));
    }

    [Theory]
    [InlineData("mainSearchCriteria.v.cs=2.16.840.1.113883.6.96", "mainSearchCriteria.v.c (the code) is required")]
    [InlineData("mainSearchCriteria.v.c=94222008", "mainSearchCriteria.v.cs (the code system OID) is required")]
    [InlineData("mainSearchCriteria.v.c=94222008&mainSearchCriteria.v.cs=2.16.840.1.113883.6.88", "mainSearchCriteria.v.cs must be one of")]
    [InlineData("mainSearchCriteria.v.c=94222008&mainSearchCriteria.v.cs=2.16.840.1.113883.6.96&informationRecipient=DOC", "informationRecipient must be PAT or PROV")]
    [InlineData("mainSearchCriteria.v.c=94222008&mainSearchCriteria.v.cs=2.16.840.1.113883.6.96&knowledgeResponseType=application/pdf", "knowledgeResponseType must be")]
    [InlineData("mainSearchCriteria.v.c=94222008&mainSearchCriteria.v.cs=2.16.840.1.113883.6.96&age.v.v=40", "age.v.u is required")]
    [InlineData("mainSearchCriteria.v.c=94222008&mainSearchCriteria.v.cs=2.16.840.1.113883.6.96&age.v.v=old&age.v.u=a", "age.v.v must be a number")]
    [InlineData("mainSearchCriteria.v.c=94222008&mainSearchCriteria.v.cs=2.16.840.1.113883.6.96&patientPerson.administrativeGenderCode.c=X", "must be F, M or UN")]
    [InlineData("mainSearchCriteria.v.c=94222008&mainSearchCriteria.c.c=94391008&mainSearchCriteria.v.cs=2.16.840.1.113883.6.96", "disagree")]
    [InlineData("mainSearchCriteria.v.c=94222008&mainSearchCriteria.v.cs=2.16.840.1.113883.6.96&informationRecipient=PAT&informationRecipient=PROV", "more than once")]
    public async Task BadParameters_Are400NamingTheParameter(string query, string expected)
    {
        var response = await factory.App.CreateClient().GetAsync("/infobutton?" + query);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Answer_IsPublicAndSetsNoCookie()
    {
        var response = await factory.App.CreateClient().GetAsync($"/infobutton?mainSearchCriteria.v.c=94222008&mainSearchCriteria.v.cs={Snomed}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal("public, max-age=3600", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task OverTheRateLimit_Is429WithRetryAfter()
    {
        using var app = WebAppFactory.With(new Dictionary<string, string?> { ["RateLimits:InfobuttonPermitLimit"] = "2", ["RateLimits:InfobuttonWindow"] = "00:01:00" });
        var client = app.CreateClient();
        var url = $"/infobutton?mainSearchCriteria.v.c=94222008&mainSearchCriteria.v.cs={Snomed}";

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++) { last = await client.GetAsync(url); statuses.Add(last.StatusCode); }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        var retryAfter = int.Parse(last!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        // Other routes are not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/materials/en")).StatusCode);
    }

    private MaterialCatalog Catalog => factory.App.Services.GetRequiredService<MaterialLibrary>().Catalog;

    /// <summary>Atom, JSON and HTML for one code: the same materials in the same order, each entry complete.</summary>
    private async Task<IReadOnlyList<string>> AssertAllThreeAgreeAsync(string oid, string code, string lang)
    {
        var query = $"mainSearchCriteria.v.c={Uri.EscapeDataString(code)}&mainSearchCriteria.v.cs={oid}&informationRecipient.languageCode.c={lang}";
        var feed = await AtomAsync(query);
        var entries = feed.Elements(Atom + "entry").ToList();
        foreach (var entry in entries)
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Element(Atom + "title")?.Value), "entry without a title");
            Assert.False(string.IsNullOrWhiteSpace(entry.Element(Atom + "summary")?.Value), "entry without a summary");
            Assert.StartsWith($"{WebAppFactory.Origin}/materials/{lang}/", entry.Element(Atom + "link")?.Attribute("href")?.Value);
        }
        var atomIds = entries.Select(e => e.Element(Atom + "link")!.Attribute("href")!.Value.Split('/')[^1]).ToList();
        foreach (var id in atomIds)
        {
            var page = await factory.App.CreateClient().GetAsync($"/materials/{lang}/{id}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal(Catalog.FindWithFallback(id, lang)!.Title, entries[atomIds.IndexOf(id)].Element(Atom + "title")!.Value);
        }

        var json = await factory.App.CreateClient().GetAsync("/infobutton?" + query + "&knowledgeResponseType=application/json");
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        var jsonEntries = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetProperty("feed").GetProperty("entry").EnumerateArray().ToList();
        Assert.Equal(atomIds, jsonEntries.Select(e => e.GetProperty("link")[0].GetProperty("href").GetString()!.Split('/')[^1]).ToList());
        Assert.All(jsonEntries, e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("summary").GetProperty("_value").GetString())));

        var html = await factory.App.CreateClient().GetAsync("/infobutton?" + query + "&knowledgeResponseType=text/html");
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        Assert.Equal(atomIds, Html.MaterialIds(await html.Content.ReadAsStringAsync()));
        return atomIds;
    }

    private async Task<XElement> AtomAsync(string query)
    {
        var response = await factory.App.CreateClient().GetAsync("/infobutton?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("text/xml", response.Content.Headers.ContentType!.MediaType);
        var feed = XDocument.Parse(body).Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        return feed;
    }

    private async Task<IReadOnlyList<string>> IdsFromAtomAsync(string query) =>
        [.. (await AtomAsync(query)).Elements(Atom + "entry").Select(e => e.Element(Atom + "link")!.Attribute("href")!.Value.Split('/')[^1])];

    private static TheoryData<string, string, string, string> Cases(IEnumerable<(string Oid, string Code, string Expect)> codes)
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var (oid, code, expect) in codes)
        {
            foreach (var lang in Languages) data.Add(oid, code, expect, lang);
        }
        return data;
    }
}
