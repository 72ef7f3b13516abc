using MbcFhirEdu.Data.CdsHooks;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MbcFhirEdu.Data.Audit;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Web.Features.CdsHooks;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests;

/// <summary>CDS Hooks 2.0 patient-view against the hosted sandbox: prefetch in its forms, fetching, 412, 400, feedback, CORS.</summary>
public sealed class CdsHooksServiceTests(CdsAppFactory cds) : IClassFixture<CdsAppFactory>
{
    private WebAppFactory App => cds.App;

    [Fact]
    public async Task Discovery_ListsThePatientViewServiceWithPrefetchTemplates()
    {
        var response = await App.CreateClient().GetAsync("/cds-services");
        var service = (await CdsCalls.JsonAsync(response)).GetProperty("services")[0];

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("mbc-education", service.GetProperty("id").GetString());
        Assert.Equal("patient-view", service.GetProperty("hook").GetString());
        var prefetch = service.GetProperty("prefetch");
        Assert.Equal("Patient/{{context.patientId}}", prefetch.GetProperty("patient").GetString());
        Assert.Equal("Condition?patient={{context.patientId}}", prefetch.GetProperty("conditions").GetString());
        Assert.Equal("Observation?patient={{context.patientId}}&category=laboratory", prefetch.GetProperty("labs").GetString());
        Assert.Equal("DiagnosticReport?patient={{context.patientId}}", prefetch.GetProperty("reports").GetString());
    }

    [Fact]
    public async Task FullPrefetch_AnswersAWarningCardWithoutCallingTheFhirServer()
    {
        var token = await CdsCalls.SandboxTokenAsync(App, "her2-positive-brain");
        var prefetch = await CdsCalls.PrefetchAsync(App, "her2-positive-brain", token);
        var before = App.OutboundRequests;

        var response = await CdsCalls.PostAsync(App.CreateClient(), CdsCalls.Request("her2-positive-brain", prefetch).ToJsonString(), cds.Key.Sign());
        var card = await SingleCardAsync(response);

        Assert.Equal(before, App.OutboundRequests);
        Assert.Equal("warning", card.GetProperty("indicator").GetString());
        Assert.Contains("brain", card.GetProperty("summary").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(card.GetProperty("summary").GetString()!.Length < 140);
        Assert.Equal(CdsCardBuilder.SourceLabel, card.GetProperty("source").GetProperty("label").GetString());
        var ids = SmartLinkMaterials(card);
        Assert.Contains("brain-emergency-signs", ids);
        Assert.Contains("brain-metastases", ids);
        Assert.Contains("her2-positive", ids);
        Assert.DoesNotContain("bone-metastases", ids);
        Assert.Contains(AbsoluteLinks(card), url => url == WebAppFactory.Origin + "/materials/en/brain-metastases");
    }

    [Fact]
    public async Task NoPrefetch_FetchesEverythingFromTheSandboxWithTheCallsToken()
    {
        var token = await CdsCalls.SandboxTokenAsync(App, "her2-positive-brain");
        var before = App.OutboundRequests;

        var response = await CdsCalls.PostAsync(App.CreateClient(),
            CdsCalls.Request("her2-positive-brain", fhirServer: WebAppFactory.Issuer, accessToken: token).ToJsonString(), cds.Key.Sign());
        var card = await SingleCardAsync(response);

        Assert.True(App.OutboundRequests - before >= 4, "the four parts should have been fetched from fhirServer");
        Assert.Contains("brain-metastases", SmartLinkMaterials(card));
        Assert.Equal("warning", card.GetProperty("indicator").GetString());
        Assert.DoesNotContain(App.Logs.Lines, line => line.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NullPrefetchValues_MeanNoDataAndAreNotFetched()
    {
        var token = await CdsCalls.SandboxTokenAsync(App, "de-novo-bone-pik3ca");
        var prefetch = await CdsCalls.PrefetchAsync(App, "de-novo-bone-pik3ca", token);
        prefetch["patient"] = null;
        prefetch["labs"] = null;
        var before = App.OutboundRequests;

        var response = await CdsCalls.PostAsync(App.CreateClient(), CdsCalls.Request("de-novo-bone-pik3ca", prefetch).ToJsonString(), cds.Key.Sign());
        var card = await SingleCardAsync(response);

        Assert.Equal(before, App.OutboundRequests);
        var ids = SmartLinkMaterials(card);
        Assert.Contains("bone-metastases", ids);
        Assert.Contains("bone-emergency-signs", ids);
        // The receptor results were in the labs the client did not send.
        Assert.DoesNotContain("hr-positive", ids);
    }

    [Fact]
    public async Task OperationOutcomeInsidePrefetchBundle_IsReportedAndTheRestIsUsed()
    {
        var token = await CdsCalls.SandboxTokenAsync(App, "de-novo-bone-pik3ca");
        var prefetch = await CdsCalls.PrefetchAsync(App, "de-novo-bone-pik3ca", token);
        var entries = prefetch["conditions"]!["entry"]!.AsArray();
        entries.Add(new JsonObject
        {
            ["resource"] = new JsonObject
            {
                ["resourceType"] = "OperationOutcome",
                ["issue"] = new JsonArray(new JsonObject { ["severity"] = "warning", ["code"] = "incomplete" }),
            },
            ["search"] = new JsonObject { ["mode"] = "outcome" },
        });

        var card = await SingleCardAsync(await CdsCalls.PostAsync(App.CreateClient(), CdsCalls.Request("de-novo-bone-pik3ca", prefetch).ToJsonString(), cds.Key.Sign()));

        Assert.Contains("bone-metastases", SmartLinkMaterials(card));
        Assert.Contains("'conditions' data carried 1 warning", card.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PrefetchKeyHoldingAnOperationOutcome_IsFetchedFromFhirServer()
    {
        var token = await CdsCalls.SandboxTokenAsync(App, "her2-positive-brain");
        var prefetch = await CdsCalls.PrefetchAsync(App, "her2-positive-brain", token);
        prefetch["conditions"] = new JsonObject { ["resourceType"] = "OperationOutcome", ["issue"] = new JsonArray(new JsonObject { ["severity"] = "error", ["code"] = "timeout" }) };
        var before = App.OutboundRequests;

        var card = await SingleCardAsync(await CdsCalls.PostAsync(App.CreateClient(),
            CdsCalls.Request("her2-positive-brain", prefetch, WebAppFactory.Issuer, token).ToJsonString(), cds.Key.Sign()));

        Assert.Equal(1, App.OutboundRequests - before);
        Assert.Contains("brain-metastases", SmartLinkMaterials(card));
    }

    [Fact]
    public async Task NonMetastaticPatient_GetsNoCards()
    {
        var token = await CdsCalls.SandboxTokenAsync(App, "non-metastatic-stage-ii");
        var prefetch = await CdsCalls.PrefetchAsync(App, "non-metastatic-stage-ii", token);

        var response = await CdsCalls.PostAsync(App.CreateClient(), CdsCalls.Request("non-metastatic-stage-ii", prefetch).ToJsonString(), cds.Key.Sign());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"cards":[]}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EachCall_WritesAnAuditRowWithTheHookUserThePatientAndTheOutcome()
    {
        const string patient = "triple-positive-bone-nodes"; // used by no other test of this class
        var token = await CdsCalls.SandboxTokenAsync(App, patient);
        var answered = await CdsCalls.PostAsync(App.CreateClient(),
            CdsCalls.Request(patient, fhirServer: WebAppFactory.Issuer, accessToken: token).ToJsonString(), cds.Key.Sign());
        var refused = await CdsCalls.PostAsync(App.CreateClient(), CdsCalls.Request(patient).ToJsonString(), cds.Key.Sign());
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);

        var rows = new List<AuditRecord>();
        await foreach (var row in App.Services.GetRequiredService<AuditLog>().ReadAllAsync(null, CancellationToken.None))
        {
            if (row.Action == AuditActions.CdsPatientView && row.PatientId == patient) rows.Add(row);
        }
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("Practitioner/onc-halloway", r.Actor));
        Assert.Equal((WebAppFactory.Issuer, "success"), (rows[0].Issuer, rows[0].Outcome));
        Assert.Equal(((string?)null, "failure"), (rows[1].Issuer, rows[1].Outcome));
    }

    [Fact]
    public async Task PrefetchWithReports_FindsTheBoneSpreadOnlyTheBoneScanRecords_WithoutCallingTheFhirServer()
    {
        var token = await CdsCalls.SandboxTokenAsync(App, "bone-scan-only");
        var prefetch = await CdsCalls.PrefetchAsync(App, "bone-scan-only", token);
        var before = App.OutboundRequests;

        var card = await SingleCardAsync(await CdsCalls.PostAsync(App.CreateClient(), CdsCalls.Request("bone-scan-only", prefetch).ToJsonString(), cds.Key.Sign()));

        Assert.Equal(before, App.OutboundRequests);
        Assert.Contains("bone-metastases", SmartLinkMaterials(card));
        Assert.Contains("DiagnosticReport/bone-scan-only-bone-scan", card.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PrefetchWithoutTheReportsTemplate_FetchesTheReportsFromFhirServer()
    {
        var token = await CdsCalls.SandboxTokenAsync(App, "bone-scan-only");
        var prefetch = await CdsCalls.PrefetchAsync(App, "bone-scan-only", token);
        prefetch.Remove("reports");
        var before = App.OutboundRequests;

        var card = await SingleCardAsync(await CdsCalls.PostAsync(App.CreateClient(),
            CdsCalls.Request("bone-scan-only", prefetch, WebAppFactory.Issuer, token).ToJsonString(), cds.Key.Sign()));

        Assert.Equal(1, App.OutboundRequests - before);
        Assert.Contains("bone-metastases", SmartLinkMaterials(card));
    }

    [Fact]
    public async Task PrefetchWithoutTheReportsTemplate_AndNoFhirServer_AnswersFromWhatWasSent_NamingReportsAsMissing()
    {
        var token = await CdsCalls.SandboxTokenAsync(App, "her2-positive-brain");
        var prefetch = await CdsCalls.PrefetchAsync(App, "her2-positive-brain", token);
        prefetch.Remove("reports");
        var before = App.OutboundRequests;

        var card = await SingleCardAsync(await CdsCalls.PostAsync(App.CreateClient(), CdsCalls.Request("her2-positive-brain", prefetch).ToJsonString(), cds.Key.Sign()));

        Assert.Equal(before, App.OutboundRequests);
        Assert.Equal("warning", card.GetProperty("indicator").GetString());
        Assert.StartsWith("Part of the record could not be read: reports.", card.GetProperty("detail").GetString());
        Assert.Contains("brain-metastases", SmartLinkMaterials(card));
    }

    [Fact]
    public async Task ConditionsThatCannotBeReadAnywhere_GiveAWarningCardNamingTheMissingPart()
    {
        var token = await CdsCalls.SandboxTokenAsync(App, "her2-positive-brain");
        var prefetch = await CdsCalls.PrefetchAsync(App, "her2-positive-brain", token);
        prefetch["conditions"] = new JsonObject { ["resourceType"] = "OperationOutcome", ["issue"] = new JsonArray(new JsonObject { ["severity"] = "error", ["code"] = "timeout" }) };
        var faults = App.Services.GetRequiredService<MbcFhirEdu.Sandbox.SandboxFaults>();
        faults.FailNext(10_000, 500, resourceType: "Condition");
        HttpResponseMessage response;
        try
        {
            response = await CdsCalls.PostAsync(App.CreateClient(),
                CdsCalls.Request("her2-positive-brain", prefetch, WebAppFactory.Issuer, token).ToJsonString(), cds.Key.Sign());
        }
        finally
        {
            faults.Reset();
        }
        var card = await SingleCardAsync(response);

        Assert.Equal("warning", card.GetProperty("indicator").GetString());
        Assert.StartsWith("Part of the record could not be read (conditions)", card.GetProperty("summary").GetString());
        Assert.StartsWith("Part of the record could not be read: conditions.", card.GetProperty("detail").GetString());
        Assert.True(card.GetProperty("summary").GetString()!.Length < 140);
    }

    [Fact]
    public async Task DeceasedPatient_GetsOneCardSayingSo_WithNoLinkToSendOrOpenMaterials()
    {
        var token = await CdsCalls.SandboxTokenAsync(App, "deceased-metastatic");
        var prefetch = await CdsCalls.PrefetchAsync(App, "deceased-metastatic", token);

        var card = await SingleCardAsync(await CdsCalls.PostAsync(App.CreateClient(), CdsCalls.Request("deceased-metastatic", prefetch).ToJsonString(), cds.Key.Sign()));

        Assert.Contains("has died", card.GetProperty("summary").GetString());
        Assert.Equal("info", card.GetProperty("indicator").GetString());
        Assert.False(card.TryGetProperty("links", out _));
        Assert.DoesNotContain("send", card.GetProperty("summary").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MissingPrefetchAndNoFhirServer_Is412()
    {
        var response = await CdsCalls.PostAsync(App.CreateClient(), CdsCalls.Request("her2-positive-brain").ToJsonString(), cds.Key.Sign());

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Contains("prefetch lacks patient, conditions, labs, reports", (await CdsCalls.JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task FhirServerNotOnTheAllowList_Is412AndIsNotCalled()
    {
        var before = App.OutboundRequests;

        var response = await CdsCalls.PostAsync(App.CreateClient(),
            CdsCalls.Request("her2-positive-brain", fhirServer: "http://127.0.0.1:9/fhir", accessToken: "t").ToJsonString(), cds.Key.Sign());

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Contains("allow-list", (await CdsCalls.JsonAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(before, App.OutboundRequests);
    }

    [Fact]
    public async Task FhirServerRefusingTheToken_Is412()
    {
        var response = await CdsCalls.PostAsync(App.CreateClient(),
            CdsCalls.Request("her2-positive-brain", fhirServer: WebAppFactory.Issuer, accessToken: "not-a-sandbox-token").ToJsonString(), cds.Key.Sign());

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Contains("could not be read from fhirServer", (await CdsCalls.JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("""{"hook":"patient-view","hookInstance":"x","context":{}}""", "context.patientId is required")]
    [InlineData("""{"hook":"order-sign","hookInstance":"x","context":{"patientId":"p1"}}""", "answers the patient-view hook")]
    [InlineData("""{"hook":"patient-view","context":{"patientId":"p1"}}""", "hookInstance is required")]
    [InlineData("""{"hook":"patient-view","hookInstance":"x","context":{"patientId":"../x"}}""", "not a valid FHIR id")]
    [InlineData("""{"hook":"patient-view","hookInstance":"x","context":{"patientId":"p1"},"fhirAuthorization":{"access_token":"t"}}""", "without fhirServer")]
    [InlineData("""{"hook":"patient-view","hookInstance":"x","context":{"patientId":"p1"},"prefetch":[]}""", "prefetch must be an object")]
    public async Task MalformedRequest_Is400NamingTheProblem(string body, string expected)
    {
        var response = await CdsCalls.PostAsync(App.CreateClient(), body, cds.Key.Sign());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await CdsCalls.JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("/feedback")]
    public async Task InvalidUtf8InsideAString_Is400NamingTheByte_Not500(string endpoint)
    {
        // Structurally valid JSON; the hookInstance string holds 0xC3 0x28, an invalid two-byte sequence.
        byte[] body = [.. "{\"hook\":\"patient-view\",\"hookInstance\":\"a"u8, 0xC3, 0x28, .. "\",\"context\":{\"patientId\":\"p1\"}}"u8];
        using var request = new HttpRequestMessage(HttpMethod.Post, CdsCalls.ServicePath + endpoint)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } },
        };
        request.Headers.Authorization = new("Bearer", cds.Key.Sign(CdsClientKey.Audience + endpoint));

        var response = await App.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid UTF-8 (line 1, byte 41)", (await CdsCalls.JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongContentType_Is400()
    {
        var response = await CdsCalls.PostAsync(App.CreateClient(), "hook=patient-view", cds.Key.Sign(), contentType: "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("application/json", (await CdsCalls.JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Feedback_IsStored()
    {
        var card = Guid.NewGuid().ToString();
        var body = $$"""{"feedback":[{"card":"{{card}}","outcome":"overridden","overrideReason":{"reason":{"code":"not-relevant","system":"http://example.org/reasons"},"userComment":"seen"},"outcomeTimestamp":"2026-12-01T10:00:00Z"}]}""";

        var response = await CdsCalls.PostAsync(App.CreateClient(), body, cds.Key.Sign(CdsClientKey.Audience + "/feedback"), CdsCalls.ServicePath + "/feedback");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await App.Services.GetRequiredService<ICdsFeedbackStore>().RecentAsync(100, CancellationToken.None);
        var item = Assert.Single(stored, f => f.Card == card);
        Assert.Equal("overridden", item.Outcome);
        Assert.Equal("not-relevant", item.OverrideReasonCode);
        Assert.Equal(CdsClientKey.Issuer, item.Issuer);
    }

    [Fact]
    public async Task Feedback_WithoutOutcome_Is400()
    {
        var response = await CdsCalls.PostAsync(App.CreateClient(), """{"feedback":[{"card":"c1"}]}""", cds.Key.Sign(CdsClientKey.Audience + "/feedback"), CdsCalls.ServicePath + "/feedback");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("outcome must be accepted or overridden", (await CdsCalls.JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Cors_AllowsTheConfiguredOriginOnCdsRoutesOnly()
    {
        var client = App.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, CdsCalls.ServicePath);
        preflight.Headers.Add("Origin", CdsAppFactory.AllowedOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        using var stranger = new HttpRequestMessage(HttpMethod.Get, "/cds-services");
        stranger.Headers.Add("Origin", "https://evil.test");
        using var materials = new HttpRequestMessage(HttpMethod.Get, "/materials/en");
        materials.Headers.Add("Origin", CdsAppFactory.AllowedOrigin);

        var allowed = await client.SendAsync(preflight);
        var refused = await client.SendAsync(stranger);
        var other = await client.SendAsync(materials);

        Assert.Equal(CdsAppFactory.AllowedOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static async Task<JsonElement> SingleCardAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("cards").EnumerateArray()).Clone();
    }

    private static IReadOnlyList<string> SmartLinkMaterials(JsonElement card)
    {
        var smart = Assert.Single(card.GetProperty("links").EnumerateArray(), l => l.GetProperty("type").GetString() == "smart");
        Assert.Equal(WebAppFactory.Origin + "/launch", smart.GetProperty("url").GetString());
        var context = JsonDocument.Parse(smart.GetProperty("appContext").GetString()!).RootElement;
        return [.. context.GetProperty("materials").EnumerateArray().Select(m => m.GetString()!)];
    }

    private static IReadOnlyList<string> AbsoluteLinks(JsonElement card) =>
        [.. card.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("type").GetString() == "absolute").Select(l => l.GetProperty("url").GetString()!)];
}
