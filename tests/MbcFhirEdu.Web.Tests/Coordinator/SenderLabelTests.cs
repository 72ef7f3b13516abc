using MbcFhirEdu.Web.Features.Coordinator;

namespace MbcFhirEdu.Web.Tests.Coordinator;

/// <summary>The delivery history's "By" column names the sender readably, never as a raw URL (issue 20).</summary>
public sealed class SenderLabelTests
{
    [Theory]
    [InlineData("https://ehr.example.org/fhir/r4/Practitioner/onc-halloway", "Practitioner onc-halloway")]
    [InlineData("http://localhost:5080/sandbox/fhir/PractitionerRole/pr-7", "PractitionerRole pr-7")]
    [InlineData("Practitioner/123", "Practitioner 123")]
    [InlineData("https://ehr.example.org/fhir/Practitioner/42/_history/3", "Practitioner 42")]
    [InlineData("https://ehr.example.org/fhir/Practitioner/a%20b", "Practitioner a b")]
    public void For_FhirUserReference_ShowsTypeAndId(string sender, string expected) =>
        Assert.Equal(expected, SenderLabel.For(sender));

    [Fact]
    public void For_AStoredName_ShowsTheName_AndWithoutOneTheReference()
    {
        const string sender = "https://ehr.example.org/fhir/Practitioner/coord-brightwater";

        Assert.Equal("Samuel Brightwater", SenderLabel.For(sender, "Samuel Brightwater"));
        Assert.Equal("Practitioner coord-brightwater", SenderLabel.For(sender, null));
        Assert.Equal("Practitioner coord-brightwater", SenderLabel.For(sender, " "));
    }

    [Theory]
    [InlineData("http://localhost/sandbox/fhir/Practitioner/coord-brightwater", "coord-brightwater")]
    [InlineData("Practitioner/coord-brightwater", "coord-brightwater")]
    [InlineData("https://other-ehr.example.org/fhir/Practitioner/coord-brightwater", null)] // another server's user
    [InlineData("http://localhost/sandbox/fhir/PractitionerRole/pr-1", null)]
    [InlineData("http://localhost/sandbox/fhir/Practitioner/a/_history/2", null)]
    [InlineData(null, null)]
    public void SenderNames_ReadOnlyAPractitionerUnderTheSessionsOwnFhirBase(string? fhirUser, string? expected) =>
        Assert.Equal(expected, SenderNames.PractitionerId(new Uri("http://localhost/sandbox/fhir"), fhirUser));

    [Fact]
    public void For_ApiClientId_ShowsItAsItIs() =>
        Assert.Equal("population-batch", SenderLabel.For("population-batch"));

    [Fact]
    public void For_UrlWithoutAResourceShape_ShowsNoUrl()
    {
        var label = SenderLabel.For("https://idp.example.org/users/jdoe");

        Assert.Equal("jdoe", label);
        Assert.DoesNotContain("://", label);
    }
}
