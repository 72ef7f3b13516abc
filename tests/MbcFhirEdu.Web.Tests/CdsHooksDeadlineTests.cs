using System.Net;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests;

/// <summary>
/// The hook's internal deadline (<c>CdsHooks:Deadline</c>): a part still loading at the deadline is a missing part the
/// card names (a partial record, never "not recorded"); when nothing at all arrives in time the answer is 412, not a
/// late answer.
/// </summary>
public sealed class CdsHooksDeadlineTests
{
    [Fact]
    public async Task SlowConditionSearch_PastTheDeadline_GivesAWarningCardNamingConditionsAsMissing()
    {
        using var app = App();
        var token = await CdsCalls.SandboxTokenAsync(app, "her2-positive-brain");
        app.Delay = request => request.RequestUri!.AbsolutePath.EndsWith("/fhir/Condition", StringComparison.Ordinal) ? TimeSpan.FromSeconds(10) : null;

        var response = await CdsCalls.PostAsync(app.CreateClient(),
            CdsCalls.Request("her2-positive-brain", fhirServer: WebAppFactory.Issuer, accessToken: token).ToJsonString(), jwt: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = Assert.Single((await CdsCalls.JsonAsync(response)).GetProperty("cards").EnumerateArray());
        Assert.Equal("warning", card.GetProperty("indicator").GetString());
        Assert.StartsWith("Part of the record could not be read: conditions.", card.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task SlowFhirServer_PastTheDeadlineForEveryPart_Is412()
    {
        using var app = App();
        var token = await CdsCalls.SandboxTokenAsync(app, "her2-positive-brain");
        app.Delay = request => request.RequestUri!.AbsolutePath.Contains("/fhir/", StringComparison.Ordinal) ? TimeSpan.FromSeconds(10) : null;

        var response = await CdsCalls.PostAsync(app.CreateClient(),
            CdsCalls.Request("her2-positive-brain", fhirServer: WebAppFactory.Issuer, accessToken: token).ToJsonString(), jwt: null);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var detail = (await CdsCalls.JsonAsync(response)).GetProperty("detail").GetString();
        Assert.Contains("patient, conditions, labs, reports could not be read from fhirServer", detail);
        Assert.Contains("too long", detail);
    }

    private static WebAppFactory App() => WebAppFactory.With(new Dictionary<string, string?>
    {
        ["CdsHooks:RequireAuthentication"] = "false",
        ["CdsHooks:Deadline"] = "00:00:00.300",
    });
}
