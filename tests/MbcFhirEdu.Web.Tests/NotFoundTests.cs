using System.Net;
using System.Text.Json;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests;

/// <summary>Addresses nothing serves (issue 20): a friendly page for people, each protocol's own error shape for machines.</summary>
public sealed class NotFoundTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/patient/deeper/still")]
    [InlineData("/styles/missing.css")]
    public async Task UnknownPage_IsTheFriendly404_LikeTheOtherMessagePages(string url)
    {
        var browser = factory.NewBrowser();
        var response = await browser.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        var materialNotFound = await (await browser.GetAsync("/materials/en/no-such-material")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Page not found</h1>", html);
        // The same layout as the app's other message pages: everything before the heading is shared.
        Assert.Equal(LayoutHead(materialNotFound), LayoutHead(html));
    }

    [Theory]
    [InlineData("/fhir/Patient/x/$nothing")]
    [InlineData("/fhir/Unknown")]
    [InlineData("/sandbox/fhir/Patient/x/y/z")]
    public async Task UnknownFhirAddress_IsAnOperationOutcome(string url)
    {
        var response = await factory.NewBrowser().GetAsync(url);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("OperationOutcome", json.RootElement.GetProperty("resourceType").GetString());
        Assert.Equal("not-found", json.RootElement.GetProperty("issue")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task UnknownCdsService_IsJsonProblemDetails_NotAPage()
    {
        var client = factory.CreateClient();
        var response = await client.PostAsync("/cds-services/no-such-service", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, json.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task WrongMethodOnAKnownAddress_StaysA405()
    {
        var response = await factory.CreateClient().GetAsync("/cds-services/mbc-education");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private static string LayoutHead(string html) => html[..html.IndexOf("<h1>", StringComparison.Ordinal)].Replace("Page not found", "").Replace("Material not found", "");
}
