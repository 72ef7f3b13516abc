using System.Net;
using MbcFhirEdu.Web.Tests.Infrastructure;

namespace MbcFhirEdu.Web.Tests;

/// <summary>CDS client JWT checks (CDS Hooks 2.0 §"Trusting CDS Clients"): each way a token can be wrong is a 401.</summary>
public sealed class CdsHooksJwtTests(CdsAppFactory cds) : IClassFixture<CdsAppFactory>
{
    // A well-formed request with the data prefetched as "no data": it reaches the service only if the JWT passes.
    private static readonly string Body = CdsCalls.Request("her2-positive-brain", new System.Text.Json.Nodes.JsonObject
    {
        ["patient"] = null, ["conditions"] = null, ["labs"] = null,
    }).ToJsonString();

    [Fact]
    public async Task ValidToken_IsAccepted()
    {
        var response = await PostAsync(cds.Key.Sign());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task MissingToken_Is401()
    {
        var response = await PostAsync(null);

        await AssertRefusedAsync(response, "no Authorization: Bearer JWT");
    }

    [Fact]
    public async Task WrongAudience_Is401()
    {
        await AssertRefusedAsync(await PostAsync(cds.Key.Sign(audience: WebAppFactory.Origin + "/cds-services")), "aud is not this service's URL");
    }

    [Fact]
    public async Task ExpiredToken_Is401()
    {
        var token = cds.Key.Sign(issuedAt: DateTimeOffset.UtcNow.AddMinutes(-10), lifetime: TimeSpan.FromMinutes(5));

        await AssertRefusedAsync(await PostAsync(token), "expired");
    }

    [Fact]
    public async Task TokenLivingLongerThanFiveMinutes_Is401()
    {
        await AssertRefusedAsync(await PostAsync(cds.Key.Sign(lifetime: TimeSpan.FromHours(1))), "longer than five minutes");
    }

    [Fact]
    public async Task TokenIssuedInTheFuture_Is401()
    {
        await AssertRefusedAsync(await PostAsync(cds.Key.Sign(issuedAt: DateTimeOffset.UtcNow.AddMinutes(10))), "iat is in the future");
    }

    [Fact]
    public async Task ReplayedJti_Is401TheSecondTime()
    {
        var token = cds.Key.Sign();

        var first = await PostAsync(token);
        var second = await PostAsync(token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertRefusedAsync(second, "already used");
    }

    [Fact]
    public async Task AlgNone_Is401()
    {
        await AssertRefusedAsync(await PostAsync(CdsClientKey.Unsigned()), "alg none");
    }

    [Fact]
    public async Task HmacSignedToken_Is401()
    {
        await AssertRefusedAsync(await PostAsync(CdsClientKey.Hmac()), "HMAC");
    }

    [Fact]
    public async Task UnknownIssuer_Is401()
    {
        await AssertRefusedAsync(await PostAsync(cds.Key.Sign(issuer: "https://stranger.test")), "iss is not a CDS client");
    }

    [Fact]
    public async Task TokenSignedByAnotherKey_Is401()
    {
        using var stranger = new CdsClientKey("inline-key");

        await AssertRefusedAsync(await PostAsync(stranger.Sign()), "signature does not verify");
    }

    [Fact]
    public async Task JkuNotOnTheAllowList_Is401AndIsNotFetched()
    {
        var token = cds.JkuKey.Sign(jku: "https://attacker.test/jwks.json");

        await AssertRefusedAsync(await PostAsync(token), "jku is not on this client's allow-list");
        lock (cds.JwksFetches) Assert.DoesNotContain(cds.JwksFetches, u => u.Host == "attacker.test");
    }

    [Fact]
    public async Task AllowListedJku_IsFetchedOnceAndVerifies()
    {
        var first = await PostAsync(cds.JkuKey.Sign(jku: CdsClientKey.AllowedJku));
        var second = await PostAsync(cds.JkuKey.Sign(jku: CdsClientKey.AllowedJku));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        lock (cds.JwksFetches) Assert.Single(cds.JwksFetches, u => u.AbsoluteUri == CdsClientKey.AllowedJku);
    }

    [Fact]
    public async Task KeyOnlyPublishedAtJku_DoesNotVerifyWithoutJku()
    {
        await AssertRefusedAsync(await PostAsync(cds.JkuKey.Sign()), "signature does not verify");
    }

    private Task<HttpResponseMessage> PostAsync(string? jwt) => CdsCalls.PostAsync(cds.App.CreateClient(), Body, jwt);

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string reason)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{(int)response.StatusCode}: {text}");
        // Compare the decoded problem detail: JSON may escape characters such as the apostrophe.
        using var problem = System.Text.Json.JsonDocument.Parse(text);
        var detail = problem.RootElement.GetProperty("detail").GetString() ?? "";
        Assert.True(detail.Contains(reason, StringComparison.Ordinal), text);
    }
}
