using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MbcFhirEdu.Web.Tests.Deployment;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MbcFhirEdu.Web.Tests.Security;

/// <summary>
/// Issue 15 item 3: the configured public base URL (in Development with none set: the listening address,
/// http://localhost:5080) is the only source of absolute URLs and of the CDS audience; a forged Host header changes
/// neither. The requests go to the in-process test server; evil.example is only a header value.
/// </summary>
public sealed partial class ForgedHostTests
{
    private const string ForgedOrigin = "http://evil.example";
    private const string ListenOrigin = "http://localhost:5080";
    private const string Snomed = "2.16.840.1.113883.6.96";

    private static readonly string CdsBody = CdsCalls.Request("her2-positive-brain", new System.Text.Json.Nodes.JsonObject
    {
        ["patient"] = null, ["conditions"] = null, ["labs"] = null,
    }).ToJsonString();

    [Fact]
    public async Task CdsToken_MintedForTheForgedHost_IsRefused_EvenWhenSentWithThatHost()
    {
        using var cds = new CdsAppFactory();
        cds.App.Remove("Web:PublicBaseUrl");
        var forged = ClientAt(cds.App, ForgedOrigin);

        var refused = await CdsCalls.PostAsync(forged, CdsBody, cds.Key.Sign(audience: ForgedOrigin + CdsCalls.ServicePath));
        var accepted = await CdsCalls.PostAsync(forged, CdsBody, cds.Key.Sign(audience: ListenOrigin + CdsCalls.ServicePath));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var problem = System.Text.Json.JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("aud is not this service's URL", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("&knowledgeResponseType=application/json")]
    [InlineData("&knowledgeResponseType=text/html")]
    public async Task InfobuttonLinks_NeverCarryAForgedHost(string responseType)
    {
        await using var app = new WebAppFactory();
        app.Remove("Web:PublicBaseUrl");

        var response = await ClientAt(app, ForgedOrigin).GetAsync($"/infobutton?mainSearchCriteria.v.c=94222008&mainSearchCriteria.v.cs={Snomed}{responseType}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(ListenOrigin + "/materials/en/", body, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void NoCodeOfTheWebApp_ReadsTheRequestsHostOrScheme()
    {
        var sources = Directory.EnumerateFiles(RepoFiles.Combine("src", "MbcFhirEdu.Web"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        var offenders = new StringBuilder();
        foreach (var file in sources)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
                if (HostOrScheme().IsMatch(lines[i])) offenders.AppendLine($"{Path.GetRelativePath(RepoFiles.Root, file)}:{i + 1}: {lines[i].Trim()}");
        }

        Assert.True(offenders.Length == 0, "Absolute URLs come from AppBaseUrl (PublicUrls.Base), not the request:\n" + offenders);
    }

    /// <summary>A client of the in-process test server whose requests carry <paramref name="origin"/>'s Host.</summary>
    private static HttpClient ClientAt(WebApplicationFactory<Program> app, string origin) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(origin), AllowAutoRedirect = false });

    [GeneratedRegex(@"\.Request\.(Host|Scheme)\b|\bRequest\.(Host|Scheme)\b|\.GetDisplayUrl\(|\.GetEncodedUrl\(")]
    private static partial Regex HostOrScheme();
}
