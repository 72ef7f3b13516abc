using MbcFhirEdu.Data.Deliveries;
using MbcFhirEdu.Data.Entities;
using MbcFhirEdu.Fhir.Smart;
using MbcFhirEdu.Sandbox;
using MbcFhirEdu.Sandbox.Features.Fhir;
using MbcFhirEdu.Tests.Shared;
using MbcFhirEdu.Web.Features.Deliveries;
using MbcFhirEdu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MbcFhirEdu.Web.Tests.Persistence;

/// <summary>
/// The web app over a test database with the sandbox EHR inside, the outbox worker off (tests run passes by hand),
/// and a clinician launched from the chart with permission to create Communications.
/// </summary>
internal sealed class DeliveryHarness : IAsyncDisposable
{
    public const string Patient = "de-novo-bone-pik3ca";
    public const string Material = "bone-metastases";

    private DeliveryHarness(WebAppFactory factory) => Factory = factory;

    public WebAppFactory Factory { get; }
    public string SessionId { get; private set; } = "";
    public SmartSession Session { get; private set; } = null!;
    /// <summary>The launching browser's cookies (browser key and newest launch), to open the app as that browser.</summary>
    public IReadOnlyDictionary<string, string> Cookies { get; private set; } = new Dictionary<string, string>();

    public IServiceProvider Services => Factory.Services;
    public DeliveryService Deliveries => Services.GetRequiredService<DeliveryService>();
    public DeliveryStore Store => Services.GetRequiredService<DeliveryStore>();
    public OutboxWorker Worker => Services.GetRequiredService<OutboxWorker>();
    public SandboxFaults Faults => Services.GetRequiredService<SandboxFaults>();

    public static Dictionary<string, string?> Settings(TestDatabase database) => new(database.Settings)
    {
        ["Deliveries:WorkerEnabled"] = "false",
        ["Deliveries:RetryBaseDelay"] = "00:00:00.010",
        ["Deliveries:RetryMaxDelay"] = "00:00:00.040",
        ["Deliveries:SendTimeout"] = "00:00:10",
        // No retries inside one send: each failed try is one outbox attempt, so the tests can count them.
        ["Smart:RetryCount"] = "0",
        ["Smart:Scopes:1"] = "user/Communication.c",
        // The launch in each test is set-up, not what is tested: give it room on a loaded 2-core CI machine.
        ["Smart:SmartCallDeadline"] = "00:00:40",
        ["Smart:PerTryTimeout"] = "00:00:20",
        ["Smart:PageLoadDeadline"] = "00:00:40",
    };

    /// <summary>An app (the EHR's own host) with a clinician launched for <see cref="Patient"/>.</summary>
    public static async Task<DeliveryHarness> StartWithLaunchAsync(TestDatabase database)
    {
        var harness = new DeliveryHarness(WebAppFactory.With(Settings(database)));
        var browser = harness.Factory.NewBrowser();
        await Launches.AsClinicianAsync(browser, Patient);
        harness.SessionId = browser.SessionId;
        harness.Cookies = new Dictionary<string, string>(browser.Cookies);
        harness.Session = (await harness.Services.GetRequiredService<ITokenSessionStore>().GetAsync(harness.SessionId, CancellationToken.None))!;
        Assert.NotNull(harness.Session);
        Assert.Contains("user/Communication.c", harness.Session.GrantedScopes);
        return harness;
    }

    /// <summary>A second app instance over the same database whose EHR calls go to <paramref name="ehr"/>'s sandbox.</summary>
    /// <param name="clock">The second instance's clock, when the test moves time instead of waiting for it.</param>
    public static DeliveryHarness StartAnother(TestDatabase database, DeliveryHarness ehr, TimeProvider? clock = null)
    {
        var factory = new WebAppFactory { OutboundTo = ehr.Factory, Clock = clock };
        foreach (var (key, value) in Settings(database)) factory.Set(key, value);
        _ = factory.Server; // start it
        return new DeliveryHarness(factory) { SessionId = ehr.SessionId, Session = ehr.Session, Cookies = ehr.Cookies };
    }

    public DeliveryRequest Request(string material = Material, string? note = "Please read before Tuesday.") =>
        DeliveryRequest.FromSession(SessionId, Session, material, "en", note);

    /// <summary>The Communications the sandbox EHR holds with this delivery id.</summary>
    public IReadOnlyList<StoredResource> Communications(Guid deliveryId) =>
        [.. Services.GetRequiredService<CommunicationStore>().Snapshot().Where(r => r.Json.GetRawText().Contains(deliveryId.ToString("D"), StringComparison.Ordinal))];

    /// <summary>Runs outbox passes until the delivery is Delivered or Failed (bounded).</summary>
    public async Task<DeliveryRecord> RunUntilSettledAsync(Guid id, int maxPasses = 60)
    {
        for (var pass = 0; pass < maxPasses; pass++)
        {
            await Worker.RunOnceAsync(CancellationToken.None);
            var row = (await Store.GetAsync(id, CancellationToken.None))!;
            if (row.Status is DeliveryStatus.Delivered or DeliveryStatus.Failed) return row;
            await Task.Delay(25);
        }
        throw new Xunit.Sdk.XunitException($"delivery {id} did not settle within {maxPasses} passes");
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
