using System.Net;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests;

/// <summary>The hook's internal deadline (<c>CdsHooks:Deadline</c>): a FHIR server slower than it gives 412, not a late answer.</summary>
public sealed class CdsHooksDeadlineTests
{
    [Fact]
    public async Task SlowFhirServer_PastTheDeadline_Is412()
    {
        using var app = WebAppFactory.With(new Dictionary<string, string?>
        {
            ["CdsHooks:RequireAuthentication"] = "false",
            ["CdsHooks:Deadline"] = "00:00:00.300",
        });
        var token = await CdsCalls.SandboxTokenAsync(app, "her2-positive-brain");
        app.Delay = request => request.RequestUri!.AbsolutePath.EndsWith("/fhir/Condition", StringComparison.Ordinal) ? TimeSpan.FromSeconds(10) : null;

        var response = await CdsCalls.PostAsync(app.CreateClient(),
            CdsCalls.Request("her2-positive-brain", fhirServer: WebAppFactory.Issuer, accessToken: token).ToJsonString(), jwt: null);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var detail = (await CdsCalls.JsonAsync(response)).GetProperty("detail").GetString();
        Assert.Contains("conditions could not be read from fhirServer", detail);
        Assert.Contains("too long", detail);
    }
}
