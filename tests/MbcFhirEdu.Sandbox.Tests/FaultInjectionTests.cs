using System.Net;
using System.Net.Http.Json;
using MbcFhirEdu.Sandbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Sandbox.Tests;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task FailNext_ServesThatManyFailuresThenRecovers()
    {
        await using var factory = new SandboxFactory();
        var flow = new SmartFlow(factory.CreateSandboxClient());
        var token = (await flow.StandaloneTokenAsync("launch/patient patient/*.rs", "Patient/spanish-bone-eye")).GetProperty("access_token").GetString();
        var faults = factory.Services.GetRequiredService<SandboxFaults>();

        faults.FailNext(2, retryAfter: TimeSpan.FromSeconds(3));
        using var first = await flow.GetFhirAsync("Patient/spanish-bone-eye", token);
        using var second = await flow.GetFhirAsync("Condition?patient=spanish-bone-eye", token);
        using var third = await flow.GetFhirAsync("Patient/spanish-bone-eye", token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal("3", first.Headers.RetryAfter?.Delta?.TotalSeconds.ToString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(2, faults.InjectedFailures);
    }

    [Fact]
    public async Task FailNext_ForOneResourceType_FailsOnlyThatTypesRequests()
    {
        await using var factory = new SandboxFactory();
        var flow = new SmartFlow(factory.CreateSandboxClient());
        var token = (await flow.StandaloneTokenAsync("launch/patient patient/*.rs", "Patient/spanish-bone-eye")).GetProperty("access_token").GetString();
        var faults = factory.Services.GetRequiredService<SandboxFaults>();

        faults.FailNext(2, 500, resourceType: "Condition");
        using var patient = await flow.GetFhirAsync("Patient/spanish-bone-eye", token);
        using var observations = await flow.GetFhirAsync("Observation?patient=spanish-bone-eye", token);
        using var conditions = await flow.GetFhirAsync("Condition?patient=spanish-bone-eye", token);
        using var condition = await flow.GetFhirAsync("Condition/spanish-bone-eye-primary", token);
        using var recovered = await flow.GetFhirAsync("Condition?patient=spanish-bone-eye", token);

        Assert.Equal(HttpStatusCode.OK, patient.StatusCode);
        Assert.Equal(HttpStatusCode.OK, observations.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, conditions.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, condition.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal(2, faults.InjectedFailures);
    }

    [Fact]
    public async Task FaultEndpoint_TakesAResourceType_AndRefusesOneTheSandboxDoesNotServe()
    {
        await using var factory = SandboxFactory.With(new Dictionary<string, string?> { ["Sandbox:EnableFaultInjection"] = "true" });
        var client = factory.CreateSandboxClient();

        using var configured = await client.PostAsJsonAsync("/sandbox/_sandbox/faults", new { failNext = 3, statusCode = 500, resourceType = "Condition" });
        using var unknown = await client.PostAsJsonAsync("/sandbox/_sandbox/faults", new { failNext = 1, resourceType = "Medication" });

        Assert.Equal(HttpStatusCode.NoContent, configured.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var state = factory.Services.GetRequiredService<SandboxFaults>().State;
        Assert.Equal((3, "Condition"), (state.FailuresLeft, state.FailResourceType));
    }

    [Fact]
    public async Task TokenFaults_ApplyOnlyToTheTokenEndpoint()
    {
        await using var factory = new SandboxFactory();
        var flow = new SmartFlow(factory.CreateSandboxClient());
        factory.Services.GetRequiredService<SandboxFaults>().FailNext(1, 429, target: FaultTarget.Token);

        var code = await flow.GetCodeAsync(flow.AuthorizeParameters("patient/*.rs", pick: "Patient/spanish-bone-eye"));
        var error = await SmartFlow.ReadJsonAsync(await flow.ExchangeAsync(code), HttpStatusCode.TooManyRequests);

        Assert.Equal("temporarily_unavailable", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task FaultEndpoint_ExistsOnlyWhenEnabled()
    {
        await using var disabled = new SandboxFactory();
        await using var enabled = SandboxFactory.With(new Dictionary<string, string?> { ["Sandbox:EnableFaultInjection"] = "true" });

        using var missing = await disabled.CreateSandboxClient().PostAsJsonAsync("/sandbox/_sandbox/faults", new { failNext = 1 });
        using var configured = await enabled.CreateSandboxClient().PostAsJsonAsync("/sandbox/_sandbox/faults", new { failNext = 1, statusCode = 502 });

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, configured.StatusCode);
        Assert.Equal(1, enabled.Services.GetRequiredService<SandboxFaults>().State.FailuresLeft);
    }
}
