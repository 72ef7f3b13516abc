using System.Net;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests;

/// <summary>Issue 20's CDS details: a prefetched Patient of another patient is said to be that, not "missing".</summary>
public sealed class CdsCardDetailTests(CdsAppFactory cds) : IClassFixture<CdsAppFactory>
{
    private WebAppFactory App => cds.App;

    [Fact]
    public async Task PrefetchedPatientOfAnotherPatient_IsReportedAsSuch_NotAsMissing()
    {
        var token = await CdsCalls.SandboxTokenAsync(App, "her2-low-ihc1-akt1");
        var other = await CdsCalls.PrefetchAsync(App, "her2-low-ihc1-akt1", token);
        var prefetch = new System.Text.Json.Nodes.JsonObject { ["patient"] = other["patient"]!.DeepClone() };

        var response = await CdsCalls.PostAsync(App.CreateClient(), CdsCalls.Request("her2-positive-brain", prefetch).ToJsonString(), cds.Key.Sign());
        var detail = (await CdsCalls.JsonAsync(response)).GetProperty("detail").GetString()!;

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Contains("prefetched patient is not the patient in the hook context (context.patientId)", detail);
        Assert.DoesNotContain("lacks patient", detail);
        Assert.Contains("lacks conditions, labs, reports", detail);
    }
}
