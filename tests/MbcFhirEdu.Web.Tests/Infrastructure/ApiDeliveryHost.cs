using System.Text.Json;
using MbcFhirEdu.Data;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Sandbox;
using MbcFhirEdu.Sandbox.Features.Fhir;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests.Infrastructure;

/// <summary>
/// <see cref="ApiHost"/> with the outbox worker running in the app (as in production) and short retry delays, plus
/// helpers to post deliveries and wait until the worker has settled one.
/// </summary>
public sealed class ApiDeliveryHost : IDisposable
{
    public const string Patient = "de-novo-bone-pik3ca";
    public const string Material = "bone-metastases";
    public const string Sender = "Practitioner/onc-halloway";

    public ApiHost Api { get; } = ApiHost.Create("RS384", new Dictionary<string, string?>
    {
        ["Deliveries:RetryBaseDelay"] = "00:00:00.010",
        ["Deliveries:RetryMaxDelay"] = "00:00:00.040",
        ["Deliveries:PollInterval"] = "00:00:00.050",
        // No retries inside one send: each failed try is one outbox attempt, so the tests can count them.
        ["Smart:RetryCount"] = "0",
    });

    public IServiceProvider Services => Api.Factory.Services;
    public SandboxFaults Faults => Services.GetRequiredService<SandboxFaults>();
    public BackendServicesTokenSource Backend => Services.GetRequiredService<BackendServicesTokenSource>();

    public static string Body(string material = Material, string? note = "Please read before Tuesday.", string? language = "en", string? sender = Sender) =>
        JsonSerializer.Serialize(new Dictionary<string, string?> { ["materialId"] = material, ["language"] = language, ["note"] = note, ["sender"] = sender }
            .Where(p => p.Value is not null).ToDictionary());

    public static HttpRequestMessage Post(string? key, string body, string patient = Patient)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/patients/{patient}/deliveries")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return request;
    }

    /// <summary>Polls the API until the delivery is delivered or failed (bounded), and returns it.</summary>
    public async Task<JsonElement> WaitSettledAsync(string token, string patient, string deliveryId)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var (response, body) = await Api.GetAsync($"/api/v1/patients/{patient}/deliveries/{deliveryId}", token);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            if (body.GetProperty("status").GetString() is "delivered" or "failed") return body;
            if (DateTime.UtcNow > until) throw new Xunit.Sdk.XunitException($"delivery {deliveryId} did not settle within 60 s: {body}");
            await Task.Delay(50);
        }
    }

    /// <summary>The Communications the sandbox EHR holds with this delivery id.</summary>
    public IReadOnlyList<(string Id, JsonElement Json)> Communications(string deliveryId) =>
        [.. Services.GetRequiredService<CommunicationStore>().Snapshot()
            .Where(r => r.Json.GetRawText().Contains(deliveryId, StringComparison.Ordinal)).Select(r => (r.Id, r.Json))];

    public async Task<MbcEduDbContext> DbAsync() => await Services.GetRequiredService<IDbContextFactory<MbcEduDbContext>>().CreateDbContextAsync();

    public void Dispose() => Api.Dispose();
}
