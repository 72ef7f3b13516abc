using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests;

/// <summary>An EHR that grants less than the app asks for: the page still loads and says what is missing.</summary>
public sealed class DegradedAccessTests
{
    [Fact]
    public async Task GrantWithoutObservations_ShowsWhatWasNotShared_AndTheMaterialsItCanStillPick()
    {
        await using var factory = WebAppFactory.With(new Dictionary<string, string?>
        {
            ["Smart:ClientId"] = "narrow-app",
            ["Sandbox:Clients:0:ClientId"] = "narrow-app",
            ["Sandbox:Clients:0:RedirectUris:0"] = WebAppFactory.Origin + "/callback",
            ["Sandbox:Clients:0:Scopes:0"] = "launch launch/patient openid fhirUser online_access patient/Patient.rs patient/Condition.rs",
        });

        var html = await Launches.AsPatientAsync(factory.NewBrowser(), "her2-low-ihc1-akt1");
        var ids = Html.MaterialIds(html);

        Assert.Contains("The health record did not share test results", html);
        Assert.Contains("bone-metastases", ids);
        Assert.DoesNotContain("her2-low", ids);
    }
}
