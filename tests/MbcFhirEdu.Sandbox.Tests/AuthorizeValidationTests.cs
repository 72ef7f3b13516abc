using System.Net;
using MbcFhirEdu.Sandbox.Tests.Infrastructure;

namespace MbcFhirEdu.Sandbox.Tests;

public sealed class AuthorizeValidationTests(SandboxFactory factory) : IClassFixture<SandboxFactory>
{
    private readonly SmartFlow _flow = new(factory.CreateSandboxClient());

    [Fact]
    public async Task UnknownClient_GetsAnErrorPageAndNoRedirect()
    {
        var parameters = _flow.AuthorizeParameters("patient/*.rs", pick: "Patient/her2-positive-brain", clientId: "nobody");

        using var response = await _flow.AuthorizeAsync(parameters);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("http://evil.example/callback")]
    [InlineData("http://127.0.0.1:51234/callback/extra")]
    [InlineData("http://192.168.1.5:51234/callback")]
    public async Task UnregisteredRedirectUri_GetsAnErrorPageAndNoRedirect(string redirectUri)
    {
        var parameters = _flow.AuthorizeParameters("patient/*.rs", pick: "Patient/her2-positive-brain");
        parameters["redirect_uri"] = redirectUri;

        using var response = await _flow.AuthorizeAsync(parameters);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("aud", "http://localhost/other/fhir", "invalid_request")]
    [InlineData("response_type", "token", "unsupported_response_type")]
    [InlineData("code_challenge", "too-short", "invalid_request")]
    [InlineData("launch", "not-a-launch-id", "invalid_scope")]
    public async Task InvalidParameter_IsReportedToTheRedirectUriWithState(string name, string value, string expectedError)
    {
        var parameters = _flow.AuthorizeParameters("patient/*.rs", pick: "Patient/her2-positive-brain");
        parameters[name] = value;

        using var response = await _flow.AuthorizeAsync(parameters);

        var query = SmartFlow.Query(response.Headers.Location!);
        Assert.StartsWith(SmartFlow.RedirectUri, response.Headers.Location!.ToString());
        Assert.Equal(expectedError, query["error"]);
        Assert.Equal(_flow.State, query["state"]);
    }

    [Fact]
    public async Task MissingState_IsRejected()
    {
        var parameters = _flow.AuthorizeParameters("patient/*.rs", pick: "Patient/her2-positive-brain");
        parameters["state"] = null;

        using var response = await _flow.AuthorizeAsync(parameters);

        var query = SmartFlow.Query(response.Headers.Location!);
        Assert.Equal("invalid_request", query["error"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task UnknownLaunchId_IsRejected()
    {
        using var response = await _flow.AuthorizeAsync(_flow.AuthorizeParameters("launch patient/*.rs", launch: "made-up"));

        var query = SmartFlow.Query(response.Headers.Location!);
        Assert.Equal("invalid_request", query["error"]);
    }

    [Fact]
    public async Task TrailingSlashOnAud_IsAccepted()
    {
        var parameters = _flow.AuthorizeParameters("patient/*.rs", pick: "Patient/her2-positive-brain");
        parameters["aud"] = SmartFlow.FhirBase + "/";

        Assert.NotEmpty(await _flow.GetCodeAsync(parameters));
    }
}
