using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MbcFhirEdu.Sandbox.Tests.Infrastructure;

namespace MbcFhirEdu.Sandbox.Tests;

public sealed class CommunicationTests(SandboxFactory factory) : IClassFixture<SandboxFactory>
{
    private const string IdentifierSystem = "urn:mbcedu:delivery";
    private readonly HttpClient _http = factory.CreateSandboxClient();

    [Fact]
    public async Task ConditionalCreate_CreatesOnceAndReturnsTheSameResourceAfterwards()
    {
        var token = await ClinicianTokenAsync();
        var delivery = Guid.NewGuid().ToString("N");

        using var first = await PostAsync(token, Communication("spanish-bone-eye", delivery), $"identifier={IdentifierSystem}|{delivery}");
        var created = await SmartFlow.ReadJsonAsync(first, HttpStatusCode.Created);
        using var second = await PostAsync(token, Communication("spanish-bone-eye", delivery), $"identifier={IdentifierSystem}|{delivery}");
        var existing = await SmartFlow.ReadJsonAsync(second);

        var id = created.GetProperty("id").GetString();
        Assert.Equal($"http://localhost/sandbox/fhir/Communication/{id}/_history/1", first.Headers.Location?.ToString());
        Assert.Equal(id, existing.GetProperty("id").GetString());
        Assert.Equal("1", created.GetProperty("meta").GetProperty("versionId").GetString());
        var search = await SmartFlow.ReadJsonAsync(await new SmartFlow(_http).GetFhirAsync($"Communication?subject=Patient/spanish-bone-eye&identifier={IdentifierSystem}|{delivery}", token));
        Assert.Equal(1, search.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task CreateWithoutCondition_CreatesEachTime()
    {
        var token = await ClinicianTokenAsync();
        var delivery = Guid.NewGuid().ToString("N");

        using var first = await PostAsync(token, Communication("pleura-nodes-icdo3", delivery));
        using var second = await PostAsync(token, Communication("pleura-nodes-icdo3", delivery));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var read = await SmartFlow.ReadJsonAsync(await new SmartFlow(_http).GetFhirAsync(first.Headers.Location!.ToString().Replace("/_history/1", ""), token));
        Assert.Equal("Communication", read.GetProperty("resourceType").GetString());
    }

    [Fact]
    public async Task PatientToken_CannotWriteToAnotherPatient()
    {
        var flow = new SmartFlow(_http);
        var token = (await flow.StandaloneTokenAsync("launch/patient patient/Communication.cs", "Patient/her2-positive-brain")).GetProperty("access_token").GetString()!;

        using var own = await PostAsync(token, Communication("her2-positive-brain", Guid.NewGuid().ToString("N")));
        using var other = await PostAsync(token, Communication("spanish-bone-eye", Guid.NewGuid().ToString("N")));

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task ReadOnlyToken_CannotCreate()
    {
        var flow = new SmartFlow(_http);
        var token = (await flow.StandaloneTokenAsync("user/*.rs", "Practitioner/coord-brightwater")).GetProperty("access_token").GetString()!;

        using var response = await PostAsync(token, Communication("spanish-bone-eye", "x"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"resourceType\":\"Patient\"}", "must be a Communication")]
    [InlineData("{\"resourceType\":\"Communication\"}", "Communication.status is required")]
    [InlineData("{\"status\":\"completed\"}", "not a FHIR resource")]
    [InlineData("{\"resourceType\":\"Communication\",\n \"status\": completed}", "not valid JSON (line 2, position 12)")]
    [InlineData("not json", "not valid JSON (line 1, position")]
    public async Task InvalidBody_IsABadRequestWithAnOperationOutcomeSayingWhy(string body, string why)
    {
        var token = await ClinicianTokenAsync();

        using var response = await PostAsync(token, body);

        var outcome = await SmartFlow.ReadJsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("OperationOutcome", outcome.GetProperty("resourceType").GetString());
        var issue = outcome.GetProperty("issue")[0];
        Assert.Equal("error", issue.GetProperty("severity").GetString());
        Assert.Equal("invalid", issue.GetProperty("code").GetString());
        Assert.Contains(why, issue.GetProperty("diagnostics").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_messy_Communication_is_read_tolerantly_and_kept_as_far_as_it_can_be()
    {
        var token = await ClinicianTokenAsync();
        var delivery = Guid.NewGuid().ToString("N");
        // An R4-invalid status code and date, and a payload given as one object where R4 has an array.
        var body = $$$"""
            {"resourceType":"Communication","status":"sent",
             "identifier":[{"system":"{{{IdentifierSystem}}}","value":"{{{delivery}}}"}],
             "subject":{"reference":"Patient/spanish-bone-eye"},
             "sent":"2026-13-45",
             "payload":{"contentString":"Bone metastases: what to know"}}
            """;

        using var response = await PostAsync(token, body);

        var created = await SmartFlow.ReadJsonAsync(response, HttpStatusCode.Created);
        Assert.Equal("sent", created.GetProperty("status").GetString());
        Assert.Equal(delivery, created.GetProperty("identifier")[0].GetProperty("value").GetString());
        Assert.Equal("Patient/spanish-bone-eye", created.GetProperty("subject").GetProperty("reference").GetString());
        Assert.Equal("1", created.GetProperty("meta").GetProperty("versionId").GetString());
    }

    private async Task<HttpResponseMessage> PostAsync(string token, string body, string? ifNoneExist = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, SmartFlow.FhirBase + "/Communication")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (ifNoneExist is not null) request.Headers.Add("If-None-Exist", ifNoneExist);
        return await _http.SendAsync(request);
    }

    private static string Communication(string patient, string delivery) => $$"""
        {"resourceType":"Communication","status":"completed",
         "identifier":[{"system":"{{IdentifierSystem}}","value":"{{delivery}}"}],
         "subject":{"reference":"Patient/{{patient}}"},
         "sender":{"reference":"Practitioner/coord-brightwater"},
         "sent":"2026-11-22T12:00:00Z",
         "payload":[{"contentString":"Bone metastases: what to know"}]}
        """;

    private async Task<string> ClinicianTokenAsync()
    {
        var flow = new SmartFlow(_http);
        return (await flow.StandaloneTokenAsync("user/*.rs user/Communication.c", "Practitioner/coord-brightwater")).GetProperty("access_token").GetString()!;
    }
}
