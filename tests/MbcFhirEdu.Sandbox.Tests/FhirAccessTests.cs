using System.Net;
using MbcFhirEdu.Sandbox.Tests.Infrastructure;

namespace MbcFhirEdu.Sandbox.Tests;

public sealed class FhirAccessTests(SandboxFactory factory) : IClassFixture<SandboxFactory>
{
    private readonly SmartFlow _flow = new(factory.CreateSandboxClient());

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzY29wZSI6InN5c3RlbS8qLnJzIn0.")]
    public async Task RequestWithoutAValidToken_Gets401WithAnOperationOutcome(string? token)
    {
        using var response = await _flow.GetFhirAsync("Patient/spanish-bone-eye", token);
        var outcome = await SmartFlow.ReadJsonAsync(response, HttpStatusCode.Unauthorized);

        Assert.Equal("OperationOutcome", outcome.GetProperty("resourceType").GetString());
        Assert.Equal("login", outcome.GetProperty("issue")[0].GetProperty("code").GetString());
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("Patient/spanish-bone-eye")]
    [InlineData("Condition/spanish-bone-eye-met-eye")]
    [InlineData("Condition?patient=spanish-bone-eye")]
    [InlineData("Observation?subject=Patient/spanish-bone-eye")]
    public async Task PatientToken_AskingForAnotherPatient_Gets403(string request)
    {
        var token = await PatientTokenAsync("launch/patient patient/*.rs", "her2-low-ish-neg-skin");

        var outcome = await SmartFlow.ReadJsonAsync(await _flow.GetFhirAsync(request, token), HttpStatusCode.Forbidden);

        Assert.Equal("forbidden", outcome.GetProperty("issue")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task PatientToken_SearchWithoutPatient_IsLimitedToItsPatient()
    {
        var token = await PatientTokenAsync("launch/patient patient/*.rs", "her2-low-ish-neg-skin");

        var bundle = await SmartFlow.ReadJsonAsync(await _flow.GetFhirAsync("Condition", token));

        Assert.All(bundle.GetProperty("entry").EnumerateArray(), e =>
            Assert.Equal("Patient/her2-low-ish-neg-skin", e.GetProperty("resource").GetProperty("subject").GetProperty("reference").GetString()));
    }

    [Fact]
    public async Task ResourceTypeOutsideTheGrantedScopes_Gets403()
    {
        var token = await PatientTokenAsync("launch/patient patient/Condition.rs", "her2-low-ish-neg-skin");

        using var allowed = await _flow.GetFhirAsync("Condition?patient=her2-low-ish-neg-skin", token);
        using var refused = await _flow.GetFhirAsync("Observation?patient=her2-low-ish-neg-skin", token);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task ConstrainedScope_AllowsOnlySearchesThatRepeatTheConstraint()
    {
        var token = await PatientTokenAsync("launch/patient patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory", "her2-low-ish-neg-skin");

        using var lab = await _flow.GetFhirAsync("Observation?patient=her2-low-ish-neg-skin&category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory", token);
        using var all = await _flow.GetFhirAsync("Observation?patient=her2-low-ish-neg-skin", token);

        Assert.Equal(HttpStatusCode.OK, lab.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, all.StatusCode);
    }

    [Fact]
    public async Task ClinicianToken_MayReadAnyPatient()
    {
        var code = await _flow.GetCodeAsync(_flow.AuthorizeParameters("openid fhirUser user/*.rs", pick: "Practitioner/onc-halloway"));
        var token = (await SmartFlow.ReadJsonAsync(await _flow.ExchangeAsync(code))).GetProperty("access_token").GetString();

        using var first = await _flow.GetFhirAsync("Patient/spanish-bone-eye", token);
        using var second = await _flow.GetFhirAsync("Observation?patient=male-brca2-bone-nodes", token);
        using var practitioner = await _flow.GetFhirAsync("Practitioner/coord-brightwater", token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, practitioner.StatusCode);
    }

    [Fact]
    public async Task PatientSignedInWithUserScopes_StillSeesOnlyTheirOwnRecord()
    {
        var code = await _flow.GetCodeAsync(_flow.AuthorizeParameters("openid fhirUser user/*.rs", pick: "Patient/her2-low-ish-neg-skin"));
        var token = (await SmartFlow.ReadJsonAsync(await _flow.ExchangeAsync(code))).GetProperty("access_token").GetString();

        using var own = await _flow.GetFhirAsync("Patient/her2-low-ish-neg-skin", token);
        using var other = await _flow.GetFhirAsync("Patient/spanish-bone-eye", token);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task UnknownResource_Gets404()
    {
        var token = await PatientTokenAsync("launch/patient patient/*.rs", "her2-low-ish-neg-skin");

        using var missing = await _flow.GetFhirAsync("Condition/does-not-exist", token);
        using var unsupported = await _flow.GetFhirAsync("MedicationRequest?patient=her2-low-ish-neg-skin", token);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unsupported.StatusCode);
    }

    private async Task<string> PatientTokenAsync(string scope, string patient)
    {
        var flow = new SmartFlow(factory.CreateSandboxClient());
        return (await flow.StandaloneTokenAsync(scope, "Patient/" + patient)).GetProperty("access_token").GetString()!;
    }
}
